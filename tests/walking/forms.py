"""The forms a page offers, read from its HTML as a browser would: where each posts and its fields."""

from html.parser import HTMLParser


class _Forms(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms = []
        self._current = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._current = {"method": (attrs.get("method") or "get").lower(), "action": attrs.get("action") or ""}
            self._current["fields"] = {}
            self.forms.append(self._current)
        elif self._current is not None and tag in {"input", "select", "textarea", "button"} and attrs.get("name"):
            kind = (attrs.get("type") or tag).lower()
            self._current["fields"].setdefault(attrs["name"], (kind, attrs.get("value") or ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def post_forms(html, *, page_path):
    """``[(action, {name: (type, value)})]`` for each form that posts (to ``page_path`` when it has no action)."""
    parser = _Forms()
    parser.feed(html)
    return [(form["action"] or page_path, form["fields"]) for form in parser.forms if form["method"] == "post"]
