"""The compiled front end (`npm run build`, static/scss/): a trimmed USWDS theme that still
styles every class the templates use, the two USWDS behaviours the portal needs in a script of
its own, preloaded body fonts with a metric-matched fallback."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
DIST = ROOT / "static" / "dist"
TEMPLATE_TAG = re.compile(r"\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}", re.S)
CLASS_ATTRIBUTE = re.compile(r'\bclass="([^"]*)"')
STRING = re.compile(r'"([^"\n]*)"|\'([^\'\n]*)\'')
PRELUDE = re.compile(r"([^{};]+)\{")
CLASS_SELECTOR = re.compile(r"\.(-?[a-zA-Z_](?:[a-zA-Z0-9_-]|\\:)*)")


def built(name: str) -> str:
    path = DIST / name
    assert path.is_file(), f"{path} is missing: run `npm run build` (make install does)"
    return path.read_text()


def class_selectors(css: str) -> set[str]:
    """Every class a stylesheet has a rule for (`tablet\\:grid-col-4` → `tablet:grid-col-4`)."""
    preludes = " ".join(PRELUDE.findall(css))  # what stands before each "{": selectors, @media…
    return {name.replace("\\:", ":") for name in CLASS_SELECTOR.findall(preludes)}


def classes_in_use(uswds_classes: set[str]) -> dict[str, str]:
    """Class → first file using it: class attributes of the templates, and strings of Python
    and JavaScript made only of USWDS class names (form widgets, status colours)."""
    used: dict[str, str] = {}
    for path in sorted((ROOT / "templates").rglob("*.html")):
        text = TEMPLATE_TAG.sub(" ", path.read_text())
        for match in CLASS_ATTRIBUTE.finditer(text):
            for name in match.group(1).split():
                used.setdefault(name, str(path.relative_to(ROOT)))
    sources = [*(ROOT / "apps").rglob("*.py"), *(ROOT / "static" / "js").rglob("*.js")]
    for path in sorted(sources):
        for match in STRING.finditer(path.read_text()):
            names = (match.group(1) or match.group(2) or "").split()
            if names and all(name in uswds_classes for name in names):
                for name in names:
                    used.setdefault(name, str(path.relative_to(ROOT)))
    return used


def test_the_build_styles_every_uswds_class_the_portal_uses():
    full = class_selectors(
        (ROOT / "node_modules/@uswds/uswds/dist/css/uswds.css").read_text(),
    )
    ours = class_selectors(built("uswds.css"))
    used = classes_in_use(full)
    assert {"usa-button", "usa-accordion__button", "tablet:grid-col-8", "margin-top-2"} <= set(
        used
    ), "the audit should find the classes templates use"
    missing = {name: where for name, where in used.items() if name in full and name not in ours}
    assert not missing, (
        "USWDS classes used but left out of static/scss/uswds.scss (add the component's "
        f"package or the utility there): {missing}"
    )
    # And it is trimmed: components nobody uses are not in it.
    for unused in ("usa-date-picker", "usa-modal", "usa-combo-box", "usa-banner"):
        assert unused not in ours


def test_the_build_is_much_smaller_than_the_whole_of_uswds():
    full = (ROOT / "node_modules/@uswds/uswds/dist/css/uswds.min.css").stat().st_size
    ours = (DIST / "uswds.css").stat().st_size
    assert ours < full * 0.7, f"static/dist/uswds.css is {ours} bytes, USWDS's own {full}"


def test_every_font_and_image_the_css_refers_to_is_a_static_file():
    css = built("uswds.css")
    references = set(re.findall(r'url\(["\']?(uswds/[^"\')]+)["\']?\)', css))
    assert any(ref.endswith(".woff2") for ref in references)
    for reference in references:
        assert finders.find(f"dist/{reference}"), f"uswds.css refers to a missing {reference}"


def test_pages_load_the_built_front_end_and_no_whole_uswds_bundle(client):
    html = client.get(reverse("home")).content.decode()
    for asset in ["dist/uswds.css", "js/components.js", "dist/vendor/htmx/htmx.min.js"]:
        assert f"/static/{asset}" in html
        assert finders.find(asset), f"{asset} is not a static file"
    assert "uswds.min.js" not in html and "uswds-init" not in html and "uswds.min.css" not in html


def test_the_two_body_fonts_are_preloaded_and_are_the_ones_the_css_uses(client):
    html = client.get(reverse("home")).content.decode()
    preloads = re.findall(r"<link rel=\"preload\" href=\"/static/([^\"]+)\" ([^>]*)>", html)
    fonts = {href: attributes for href, attributes in preloads if 'as="font"' in attributes}
    assert len(fonts) == 2, preloads
    css = built("uswds.css")
    for href, attributes in fonts.items():
        assert "crossorigin" in attributes and 'type="font/woff2"' in attributes
        assert href.startswith("dist/") and href.removeprefix("dist/") in css, (
            f"{href} is preloaded but uswds.css loads another file: the font would load twice"
        )
        assert finders.find(href)
    assert any("regular" in href for href in fonts) and any("bold" in href for href in fonts)


def test_a_metric_matched_fallback_comes_right_after_each_web_font():
    css = built("uswds.css")
    for web, fallback in [
        ("Source Sans Pro Web", "Source Sans Pro Fallback"),
        ("Merriweather Web", "Merriweather Fallback"),
    ]:
        faces = re.findall(r"@font-face\{([^}]*)\}", css)
        fallbacks = [face for face in faces if f'font-family:"{fallback}"' in face]
        assert len(fallbacks) == 2, f"{fallback}: a regular and a bold face"
        for face in fallbacks:
            assert "src:local(" in face
            for descriptor in ("size-adjust", "ascent-override", "descent-override"):
                assert descriptor in face, f"{fallback} lacks {descriptor}"
        stacks = re.findall(rf'font-family:"?{web}"?,([^;}}]+)', css)
        assert stacks and all(stack.strip(' "').startswith(fallback) for stack in stacks), stacks
        web_faces = [face for face in faces if f'font-family:"{web}"' in face]
        assert all("font-display:" in face for face in web_faces)


def test_the_component_script_replaces_uswds_js_for_menu_and_accordion():
    script = (ROOT / "static" / "js" / "components.js").read_text()
    for hook in (".usa-menu-btn", ".usa-nav__close", ".usa-overlay", ".usa-accordion__button"):
        assert hook in script
