"""Reading a public search page's results as people get them: from the HTML, since the
results block may come from the cache (core.fragments.cached_block) without a context."""

import html
import re

CARD_TITLE = re.compile(r'<h3 class="usa-card__heading"><a[^>]*>(.*?)</a></h3>', re.S)


def result_titles(response) -> list[str]:
    """The titles of the result cards on a search page (or its htmx partial), in order."""
    assert response.status_code == 200
    return [html.unescape(title).strip() for title in CARD_TITLE.findall(response.text)]
