"""Writes ``web/sample_archive.warc`` beside this file: a small WARC archive written by us
(the outlet, the people and the stories are invented), read by ``make demo`` and the
web guide. Run it again after editing the pages below: ``python examples/make_web_archive.py``.

The archive holds what a crawler writes: a ``warcinfo`` record, a ``request``, two
HTML ``response`` records (Arabic), one English page and an image (both skipped by
``languages=("ar",)`` or as not HTML) and a redirect.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent / "web"

PAGES = {
    "https://example.com/2024/4/2/bridge-reopens": """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8">
<title>إعادة افتتاح جسر النهر بعد أعمال صيانة - صحيفة الوراق</title>
<meta property="og:site_name" content="صحيفة الوراق">
<meta property="article:published_time" content="2024-04-02T09:15:00+03:00">
<meta property="article:section" content="محليات">
</head><body>
<nav><a href="/">الرئيسية</a> <a href="/local">محليات</a> <a href="/sport">رياضة</a></nav>
<article>
<h1>إعادة افتتاح جسر النهر بعد أعمال صيانة</h1>
<p>أعادت البلدية صباح الثلاثاء افتتاح جسر النهر أمام حركة السير بعد أعمال صيانة استمرت أربعة أشهر.</p>
<p>وقال مدير الطرق في البلدية خالد الحداد إن الأعمال شملت تدعيم الأعمدة وتجديد الإنارة وممرات المشاة.</p>
<p>وأضاف أن كلفة المشروع بلغت مليوني دينار، وأن الجسر يخدم نحو ثلاثين ألف مركبة يوميا.</p>
</article>
<aside><h3>اقرأ أيضاً</h3><ul><li><a href="/a">افتتاح مكتبة عامة جديدة في وسط المدينة</a></li></ul></aside>
<footer>جميع الحقوق محفوظة © صحيفة الوراق</footer>
</body></html>
""",
    "https://example.com/2024/4/3/market-prices": """<!DOCTYPE html>
<html lang="ar"><head><meta charset="windows-1256">
<title>استقرار أسعار الخضار في السوق المركزي</title>
<meta property="og:site_name" content="صحيفة الوراق">
</head><body>
<div class="share">شارك: فيسبوك تويتر واتساب</div>
<div class="story">
<p>الأربعاء 3 أبريل 2024</p>
<p>استقرت أسعار الخضار في السوق المركزي هذا الأسبوع، بحسب تجار قالوا إن الطلب عاد إلى مستواه المعتاد.</p>
<p>وأشارت نقابة التجار إلى أن سعر كيلو الطماطم بقي عند نصف دينار.</p>
</div>
</body></html>
""",
    "https://example.com/en/2024/4/3/weather": """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Mild weather expected</title></head>
<body><p>Forecasters expect mild weather across the region this week, with light winds.</p></body></html>
""",
}


def record(kind: str, uri: str | None, block: bytes, content_type: str, n: int) -> bytes:
    head = [
        "WARC/1.0",
        f"WARC-Type: {kind}",
        f"WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{n:012d}>",
        "WARC-Date: 2024-04-03T18:00:00Z",
    ]
    if uri:
        head.append(f"WARC-Target-URI: {uri}")
    head += [f"Content-Type: {content_type}", f"Content-Length: {len(block)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + block + b"\r\n\r\n"


def http_response(status: str, content_type: str, body: bytes) -> bytes:
    return f"HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len(body)}\r\n\r\n".encode() + body


def main() -> None:
    records = [record("warcinfo", None, b"software: warraq examples/make_web_archive.py\r\n", "application/warc-fields", 0)]
    n = 1
    for uri, page in PAGES.items():
        charset = "windows-1256" if "windows-1256" in page else "utf-8"
        body = page.encode(charset)
        request = f"GET {uri.removeprefix('https://example.com')} HTTP/1.1\r\nHost: example.com\r\n\r\n".encode()
        records.append(record("request", uri, request, "application/http; msgtype=request", n))
        records.append(record("response", uri, http_response("200 OK", f"text/html; charset={charset}", body),
                              "application/http; msgtype=response", n + 1))
        n += 2
    png = b"\x89PNG\r\n\x1a\n" + bytes(16)
    records.append(record("response", "https://example.com/logo.png", http_response("200 OK", "image/png", png),
                          "application/http; msgtype=response", n))
    records.append(record("response", "https://example.com/old", http_response("301 Moved Permanently", "text/html", b""),
                          "application/http; msgtype=response", n + 1))
    (HERE / "sample_archive.warc").write_bytes(b"".join(records))


if __name__ == "__main__":
    main()
