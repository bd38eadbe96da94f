"""Reading a rendered page the way a visitor's browser does."""

from urllib.parse import urlsplit

from bs4 import BeautifulSoup

CDN_HOSTS = ("unpkg.com", "cdn.jsdelivr.net", "cdnjs.cloudflare.com", "fonts.googleapis.com")
LOADED_LINK_RELS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "icon",
    "apple-touch-icon",
    "manifest",
}


def page_html(client, page, status=200):
    """GET a page through its public URL and return its HTML, asserting the status."""
    url = page.get_url()
    assert url, f"{page!r} has no URL under the default site"
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code)
    return response.content.decode()


def visible_text(html):
    """The text a reader sees, whitespace collapsed (labels and values, no markup)."""
    return " ".join(BeautifulSoup(html, "html.parser").get_text(" ").split())


def off_site_assets(html):
    """Scripts, stylesheets, fonts and images the browser would fetch from another host."""
    soup = BeautifulSoup(html, "html.parser")
    urls = [tag["src"] for tag in soup.find_all(["script", "img", "source"], src=True)]
    urls += [
        link["href"]
        for link in soup.find_all("link", href=True)
        if set(link.get("rel") or []) & LOADED_LINK_RELS
    ]
    return [url for url in urls if urlsplit(url).netloc]
