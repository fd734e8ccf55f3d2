"""Hard bounds on what one page or one document may cost to read (the crawl's own bounds
are in fetch/settings.py). Beyond each, the rest is not read and the item says so.

Here, not in fetch/settings.py, because the pure readers (extract/) use them too and
must not import the crawler.
"""

MAX_ZIP_MEMBERS = 5_000  # members of an XLSX/DOCX checked before it is opened
MAX_ZIP_UNCOMPRESSED = 100_000_000  # bytes, all members together, as the archive declares
MAX_PDF_PAGES = 300  # pages of one PDF read
MAX_LINKS_PER_PAGE = 5_000  # links of one page considered as entries or pager links
MAX_PAGER_ROOTS = 50  # blocks of one page considered as its pager
MAX_DATES_PER_TEXT = 200  # dates considered in one piece of text
MAX_HTML_CHARS = 5_000_000  # characters of one HTML page parsed (its tree costs ten times more)
