"""schema.org structured data as JSON-LD, for search engines' rich results.

`script_json` makes the JSON safe to place inside an HTML <script type="application/ld+json">
element: "</script>", "<!--" or "&" in a value can't end or change it (each of "<", ">" and
"&" is written as a \\u escape, which JSON readers turn back into the same text).
"""

import json

from django.utils.html import linebreaks

JSON_IN_HTML = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script_json(data) -> str:
    """JSON safe inside <script type="application/ld+json"> (no "<", ">", "&")."""
    return json.dumps(data, ensure_ascii=False).translate(JSON_IN_HTML)


def html_text(text: str) -> str:
    """Plain text people typed as HTML paragraphs (escaped), as rich results expect."""
    return linebreaks(text or "", autoescape=True)
