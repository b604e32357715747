//! Entity mentions as Arrow record batches: the columnar form in which
//! `warraq.entities_frame` and `warraq.write_entities_parquet` receive them, so that
//! no mention becomes Python objects on the way.
//!
//! # The columns
//! [`mention_fields`] are the columns of one mention, after a first column that
//! says which text it was found in (`row`, the text's index, from
//! [`extract_batch_arrow`]; the document's `id` in a Parquet file of entities):
//!
//! | column | Arrow type | null when |
//! |---|---|---|
//! | `label`, `text`, `normalized` | `large_utf8` | never |
//! | `value` | `large_utf8`: the TIMEX3 value, the ISO string, or the number written out | the entity has no value |
//! | `start`, `end` | `int64`, code-point indices into the text | never |
//! | `score` | `float64` | never |
//! | `begin_value`, `end_value`, `anchor` | `large_utf8` | not a temporal expression (a range's ends: not a range) |
//! | `number` | `float64`: the value of NUMBER, PERCENT (in percent) and MONEY | another label |
//!
//! A value is one column of text (and `number` beside it) because an Arrow column
//! has one type: a TIMEX3 string and a float cannot share it.
//!
//! ```
//! use warraq::entities::{extract_batch_arrow, EntityRecognizer};
//! use warraq::dates::Prefer;
//! let ner = EntityRecognizer::new();
//! let texts = [Some("زار دمشق"), None, Some("نزح 6 آلاف شخص")];
//! let batch = extract_batch_arrow(&ner, &texts, &[], Prefer::Past, 10).unwrap();
//! let rows = batch.column(0).as_any().downcast_ref::<arrow_array::Int64Array>().unwrap();
//! assert_eq!(rows.values().to_vec(), vec![10, 12]);
//! let start = batch.column_by_name("start").unwrap();
//! let start = start.as_any().downcast_ref::<arrow_array::Int64Array>().unwrap();
//! assert_eq!(start.value(0), 4); // «دمشق» begins at the fifth code point, not byte 7
//! ```

use super::{Entity, EntityRecognizer, EntityValue, NaiveDate};
use crate::dates::{Prefer, Resolution};
use crate::{Error, Result};
use arrow_array::builder::{Float64Builder, Int64Builder, LargeStringBuilder};
use arrow_array::{ArrayRef, Int64Array, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use std::sync::Arc;

/// The columns of a mention, in order, after the first column (see the module docs
/// of `entities/arrow.rs`).
///
/// ```
/// let names: Vec<String> = warraq::entities::mention_fields().iter().map(|f| f.name().clone()).collect();
/// assert_eq!(names[..3], ["label", "text", "normalized"]);
/// assert_eq!(names.last().unwrap(), "number");
/// ```
#[must_use]
pub fn mention_fields() -> Vec<Field> {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::LargeUtf8, nullable);
    vec![
        text("label", false),
        text("text", false),
        text("normalized", false),
        text("value", true),
        Field::new("start", DataType::Int64, false),
        Field::new("end", DataType::Int64, false),
        Field::new("score", DataType::Float64, false),
        text("begin_value", true),
        text("end_value", true),
        text("anchor", true),
        Field::new("number", DataType::Float64, true),
    ]
}

/// The schema of mentions whose first columns are `keys` (`row`; or `id`, `path`).
///
/// ```
/// use arrow_schema::{DataType, Field};
/// let schema = warraq::entities::entities_schema(vec![Field::new("id", DataType::LargeUtf8, true)]);
/// assert_eq!(schema.field(0).name(), "id");
/// assert_eq!(schema.fields().len(), 12);
/// ```
#[must_use]
pub fn entities_schema(keys: Vec<Field>) -> SchemaRef {
    let mut fields = keys;
    fields.extend(mention_fields());
    Arc::new(Schema::new(fields))
}

fn strings<'a>(n: usize, values: impl Iterator<Item = Option<&'a str>>) -> ArrayRef {
    let mut b = LargeStringBuilder::with_capacity(n, n * 8);
    values.for_each(|v| b.append_option(v));
    Arc::new(b.finish())
}

fn int64(n: usize, values: impl Iterator<Item = usize>) -> ArrayRef {
    let mut b = Int64Builder::with_capacity(n);
    values.for_each(|v| b.append_value(i64::try_from(v).unwrap_or(i64::MAX)));
    Arc::new(b.finish())
}

fn number(e: &Entity) -> Option<f64> {
    match e.value {
        Some(EntityValue::Number(x)) => Some(x),
        _ => None,
    }
}

/// The [`mention_fields`] columns of `entities` (their offsets as they are: convert
/// them to code points first, [`Entity::to_char_offsets`]).
///
/// ```
/// use warraq::entities::{mention_columns, mention_fields, EntityRecognizer};
/// let found = EntityRecognizer::new().extract("زار دمشق", None);
/// let columns = mention_columns(&found);
/// assert_eq!(columns.len(), mention_fields().len());
/// assert_eq!(columns[0].len(), found.len());
/// ```
#[must_use]
pub fn mention_columns(entities: &[Entity]) -> Vec<ArrayRef> {
    let n = entities.len();
    let values: Vec<Option<String>> = entities
        .iter()
        .map(|e| e.value.as_ref().map(ToString::to_string))
        .collect();
    let point = |e: &Entity, begin: bool| {
        e.timex()
            .and_then(|t| {
                if begin {
                    t.begin.as_ref()
                } else {
                    t.end.as_ref()
                }
            })
            .map(ToString::to_string)
    };
    let begins: Vec<Option<String>> = entities.iter().map(|e| point(e, true)).collect();
    let ends: Vec<Option<String>> = entities.iter().map(|e| point(e, false)).collect();
    let mut scores = Float64Builder::with_capacity(n);
    entities
        .iter()
        .for_each(|e| scores.append_value(f64::from(e.score)));
    let mut numbers = Float64Builder::with_capacity(n);
    entities
        .iter()
        .for_each(|e| numbers.append_option(number(e)));
    vec![
        strings(n, entities.iter().map(|e| Some(e.label.as_str()))),
        strings(n, entities.iter().map(|e| Some(e.text.as_str()))),
        strings(n, entities.iter().map(|e| Some(e.normalized.as_str()))),
        strings(n, values.iter().map(Option::as_deref)),
        int64(n, entities.iter().map(|e| e.start)),
        int64(n, entities.iter().map(|e| e.end)),
        Arc::new(scores.finish()),
        strings(n, begins.iter().map(Option::as_deref)),
        strings(n, ends.iter().map(Option::as_deref)),
        strings(
            n,
            entities
                .iter()
                .map(|e| e.timex().map(|t| t.anchor.as_str())),
        ),
        Arc::new(numbers.finish()),
    ]
}

/// One batch of mentions: the `keys` columns (field and values, one per mention),
/// then the [`mention_columns`] of `entities`. Errors when a key column's length
/// is not the number of entities.
///
/// ```
/// use std::sync::Arc;
/// use arrow_array::{ArrayRef, StringArray};
/// use arrow_schema::{DataType, Field};
/// use warraq::entities::{entities_batch, EntityRecognizer};
/// let found = EntityRecognizer::new().extract("زار دمشق", None);
/// let ids: ArrayRef = Arc::new(StringArray::from(vec!["a"; found.len()]));
/// let batch = entities_batch(vec![(Field::new("id", DataType::Utf8, false), ids)], &found).unwrap();
/// assert_eq!((batch.num_rows(), batch.schema().field(0).name().as_str()), (found.len(), "id"));
/// let short: ArrayRef = Arc::new(StringArray::from(Vec::<&str>::new()));
/// assert!(entities_batch(vec![(Field::new("id", DataType::Utf8, false), short)], &found).is_err());
/// ```
pub fn entities_batch(keys: Vec<(Field, ArrayRef)>, entities: &[Entity]) -> Result<RecordBatch> {
    let (fields, mut columns): (Vec<Field>, Vec<ArrayRef>) = keys.into_iter().unzip();
    columns.extend(mention_columns(entities));
    RecordBatch::try_new(entities_schema(fields), columns)
        .map_err(|e| Error::io("", std::io::Error::other(format!("arrow: {e}"))))
}

/// The entities of every text of `texts` (None: no text, no mentions), in
/// parallel, offsets in code points. `published` is empty or one date per text, for
/// relative dates, taken on the side `prefer` says.
///
/// ```
/// use warraq::entities::{extract_char_entities, EntityRecognizer};
/// let found = extract_char_entities(&EntityRecognizer::new(), &[Some("زار دمشق"), None], &[], warraq::dates::Prefer::Past);
/// assert_eq!((found[0][0].start, found[1].len()), (4, 0));
/// ```
#[must_use]
pub fn extract_char_entities(
    ner: &EntityRecognizer,
    texts: &[Option<&str>],
    published: &[Option<NaiveDate>],
    prefer: Prefer,
) -> Vec<Vec<Entity>> {
    let idx: Vec<usize> = (0..texts.len()).collect();
    crate::parallel::map(&idx, |&i| {
        let Some(text) = texts[i] else {
            return Vec::new();
        };
        let r = Resolution::new(published.get(i).copied().flatten()).prefer(prefer);
        let mut ents = ner.extract_with(text, &r);
        Entity::to_char_offsets(text, &mut ents);
        ents
    })
}

/// [`extract_char_entities`] as one batch whose first column, `row` (`int64`), is
/// `first_row` plus the index of the mention's text (example: the module docs).
pub fn extract_batch_arrow(
    ner: &EntityRecognizer,
    texts: &[Option<&str>],
    published: &[Option<NaiveDate>],
    prefer: Prefer,
    first_row: usize,
) -> Result<RecordBatch> {
    let found = extract_char_entities(ner, texts, published, prefer);
    let rows = Int64Array::from_iter_values(found.iter().enumerate().flat_map(|(i, ents)| {
        let row = i64::try_from(first_row + i).unwrap_or(i64::MAX);
        std::iter::repeat_n(row, ents.len())
    }));
    let entities: Vec<Entity> = found.into_iter().flatten().collect();
    let row = Field::new("row", DataType::Int64, false);
    entities_batch(vec![(row, Arc::new(rows))], &entities)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;
    use arrow_array::types::Float64Type;
    use arrow_array::Array;

    #[test]
    fn columns_hold_what_the_entities_hold() {
        let ner = EntityRecognizer::new();
        let texts = [Some("بلغت 36,7 مليار درهم من 5 إلى 12 ماي")];
        let date = NaiveDate::from_ymd_opt(2016, 5, 20);
        let batch = extract_batch_arrow(&ner, &texts, &[date], Prefer::Past, 0).unwrap();
        let col = |name: &str| batch.column_by_name(name).unwrap().clone();
        let labels = col("label");
        let labels = labels.as_string::<i64>();
        let money = (0..batch.num_rows())
            .find(|&i| labels.value(i) == "MONEY")
            .unwrap();
        let range = (0..batch.num_rows())
            .find(|&i| labels.value(i) == "DURATION")
            .unwrap();
        let numbers = col("number");
        let numbers = numbers.as_primitive::<Float64Type>();
        assert!((numbers.value(money) - 36.7e9).abs() < 1.0);
        assert!(numbers.is_null(range));
        assert_eq!(col("value").as_string::<i64>().value(range), "P8D");
        assert_eq!(
            col("begin_value").as_string::<i64>().value(range),
            "2016-05-05"
        );
        assert_eq!(col("anchor").as_string::<i64>().value(range), "reference");
        assert!(col("anchor").is_null(money));
        // The same mentions as the entity API, offsets in code points.
        let mut expected = ner.extract_with(texts[0].unwrap(), &Resolution::new(date));
        Entity::to_char_offsets(texts[0].unwrap(), &mut expected);
        let starts = col("start");
        let starts = starts.as_primitive::<arrow_array::types::Int64Type>();
        let got: Vec<i64> = starts.values().to_vec();
        let want: Vec<i64> = expected
            .iter()
            .map(|e| i64::try_from(e.start).unwrap())
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn no_texts_make_an_empty_batch_of_the_schema() {
        let batch =
            extract_batch_arrow(&EntityRecognizer::new(), &[], &[], Prefer::Past, 0).unwrap();
        assert_eq!((batch.num_rows(), batch.num_columns()), (0, 12));
    }
}
