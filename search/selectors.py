"""Reading the search index. Search runs inside the site's database with a time limit, reads
only published content, and copes with any text a visitor types."""

import difflib
import hashlib
import json
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial, reduce
from operator import and_, or_

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    TrigramSimilarity,
    TrigramWordSimilarity,
)
from django.core.paginator import Paginator
from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Q, QuerySet, Value, When
from markupsafe import Markup, escape

from core.cache import remember
from core.pagination import nearest_page, requested_number
from search.documents import INDEXED, UNWANTED
from search.models import Kind, SearchDocument, SearchTerm

MAX_QUERY_LENGTH = 200
PAGE_SIZE = 10
# Enough for any real search of this site; a bound on the work one search can cause.
MAX_MATCHES = 2000
# A search slower than this is stopped, so it can never hold up the rest of the site.
STATEMENT_TIMEOUT_MS = 3000
# How alike a word in the index must be to a misspelt word to be suggested (0 to 1).
SPELLING_SIMILARITY = 0.4
MAX_CORRECTED_WORDS = 6

# Abbreviations social workers use, and what they stand for. Understood both ways.
SYNONYMS = {
    "asye": "assessed and supported year in employment",
    "nqsw": "newly qualified social worker",
    "iro": "independent reviewing officer",
    "psw": "principal social worker",
    "dcs": "director of children's services",
    "ad": "assistant director",
    "cpd": "continuing professional development",
}

# Too common to be worth marking in a snippet.
STOPWORDS = {"and", "the", "for", "with", "you", "are", "not", "but", "its"}
# Snippets from the body: this many characters either side of the first matching word.
SNIPPET_BEFORE, SNIPPET_AFTER = 80, 160
# Private-use characters mark highlights, so the snippet text can be escaped safely and only
# the highlights turned into markup. The index never holds these characters.
MARK_START, MARK_END = "\ue000", "\ue001"


@dataclass(frozen=True)
class Result:
    kind: str
    kind_label: str
    title: str
    url: str
    snippet: Markup


@dataclass
class SearchOutcome:
    query: str
    results: list[Result] = field(default_factory=list)
    count: int = 0
    page: int = 1
    num_pages: int = 1
    kind_counts: dict[str, int] = field(default_factory=dict)
    # Set when nothing matched as typed and a spelling correction did.
    corrected: str = ""


def clean_query(raw: str | None) -> str:
    """Control characters (NUL included) removed, spaces collapsed, length capped."""
    text = " ".join(UNWANTED.sub(" ", raw or "").split())
    return text[:MAX_QUERY_LENGTH].strip()


def _phrase_pattern(phrase: str) -> str:
    words = [re.escape(word).replace("'", "['’]?") for word in phrase.split()]
    return r"\b" + r"\s+".join(words) + r"\b"


def query_variants(text: str) -> list[str]:
    """The query as typed, with abbreviations spelt out, and with phrases abbreviated."""
    expanded = contracted = text.lower()
    for abbreviation, phrase in SYNONYMS.items():
        expanded = re.sub(rf"\b{abbreviation}\b", partial(_as_phrase, phrase), expanded)
        contracted = re.sub(_phrase_pattern(phrase), abbreviation, contracted)
    variants = []
    for variant in (text.lower(), expanded, contracted):
        if variant not in variants:
            variants.append(variant)
    return variants


def _as_phrase(phrase: str, match: re.Match) -> str:
    # Quoted, so the words are found together, unless already inside the visitor's quotes.
    inside_quotes = match.string[: match.start()].count('"') % 2 == 1
    return phrase if inside_quotes else f'"{phrase}"'


def plain_words(text: str) -> list[str]:
    """The words a visitor wants to find: no excluded (-word) words, no 'or', no punctuation."""
    words = []
    for token in re.findall(r'-?[^\s"]+', text):
        if token.startswith("-") or token.lower() == "or":
            continue
        word = re.sub(r"[^\w'’]", "", token).strip("'’")
        if word:
            words.append(word)
    return words


def _word_pattern(words: list[str]) -> re.Pattern | None:
    """Whole words starting like a query word: long words by their first letters, so that
    'supervisor' also marks 'supervising', roughly as English stemming matches them."""
    words = [word.lower() for word in words if len(word) >= 3 and word.lower() not in STOPWORDS]
    stems = {word[:-2] if len(word) >= 7 else word for word in words}
    stems = sorted((stem for stem in stems if stem), key=len, reverse=True)
    if not stems:
        return None
    return re.compile(r"\b((?:" + "|".join(map(re.escape, stems)) + r")[\w'’]*)", re.IGNORECASE)


def highlight(text: str, words: list[str]) -> Markup:
    """Escape the text, then mark each word found in it."""
    pattern = _word_pattern(words)
    if pattern:
        text = pattern.sub(rf"{MARK_START}\1{MARK_END}", text)
    return _marks_to_html(text)


def snippet(document: SearchDocument, words: list[str]) -> Markup:
    """The summary if a query word is in it; else the part of the body around the first one;
    else the summary. Made in Python for the page's ten results: cheaper than ts_headline."""
    pattern = _word_pattern(words)
    if pattern is None or pattern.search(document.summary) or not document.body:
        return highlight(document.summary, words)
    found = pattern.search(document.body)
    if found is None:
        return highlight(document.summary, words)
    start = max(0, found.start() - SNIPPET_BEFORE)
    end = min(len(document.body), found.end() + SNIPPET_AFTER)
    # Whole words only, on one line's worth of text.
    while 0 < start < found.start() and not document.body[start - 1].isspace():
        start += 1
    while found.end() < end < len(document.body) and not document.body[end].isspace():
        end -= 1
    text = " ".join(document.body[start:end].split())
    return highlight(
        ("… " if start > 0 else "") + text + (" …" if end < len(document.body) else ""), words
    )


def _marks_to_html(text: str) -> Markup:
    escaped = str(escape(text))
    marked = escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")
    return Markup(marked)  # noqa: S704 - escaped first; only <mark> added


def _still_published(documents: list[SearchDocument]) -> list[SearchDocument]:
    """The documents whose page is still public. Signals keep the index in step with the
    content; this also holds if a change ever bypassed them, so a draft, a role in a draft
    stage or a deleted page is never shown (until a kept search runs out, as a kept page
    would). Checked for the one page of results only, to keep searching fast."""
    published: set[tuple[str, int]] = set()
    for model, (kind, *_) in INDEXED.items():
        ids = [doc.object_id for doc in documents if doc.kind == kind]
        if ids:
            found = (
                model.objects.public().filter(pk__in=ids).order_by().values_list("pk", flat=True)
            )
            published.update((kind, pk) for pk in found)
    return [doc for doc in documents if (doc.kind, doc.object_id) in published]


def search(*, text: str, kinds: list[str], page: str | int | None) -> SearchOutcome:
    """One page of results for already cleaned text. `page` may be anything a visitor typed:
    not a number means page 1, past the end means the last page.

    Kept in the shared cache until content changes (core.cache.remember), as the parts of
    other pages drawn per request are: a search many people make is worked out once."""
    return remember(_outcome_name(text, kinds, page), partial(_search, text, kinds, page))


def _outcome_name(text: str, kinds: list[str], page) -> str:
    # The number the page is chosen by, so "abc", "0" and "1" share one entry.
    asked = json.dumps([text, sorted(set(kinds)), requested_number(page)])
    return "search:" + hashlib.sha256(asked.encode()).hexdigest()


def _search(text: str, kinds: list[str], page) -> SearchOutcome:
    with _time_limit():
        outcome = _run(text, kinds, page)
        if not any(outcome.kind_counts.values()):
            corrected = _spelling_correction(text)
            if corrected:
                outcome = _run(corrected, kinds, page)
                outcome.query, outcome.corrected = text, corrected
        return outcome


@contextmanager
def _time_limit():
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            # The planner thinks a scan of this small table is cheap, but comparing trigrams
            # row by row is not: use the GIN indexes. (A constant, so one round trip.)
            cursor.execute(
                f"SET LOCAL statement_timeout = {int(STATEMENT_TIMEOUT_MS)};"
                " SET LOCAL enable_seqscan = off"
            )
        yield
        # SET LOCAL lasts to the end of the outermost transaction: when search runs inside
        # a longer one, put the settings back for what follows.
        with connection.cursor() as cursor:
            cursor.execute(
                "SET LOCAL statement_timeout = DEFAULT; SET LOCAL enable_seqscan = DEFAULT"
            )


def _run(text: str, kinds: list[str], page) -> SearchOutcome:
    # Every match, best first, as (key, kind) only; counts, the type filter and pages are
    # worked out from that list, and only the page shown is read in full.
    if connection.vendor == "postgresql":
        matches = _postgres_ranked(text)
    else:
        ranked = _simple_page(_simple_matches(text), text)
        matches = list(ranked.values_list("pk", "kind")[:MAX_MATCHES])
    counts = Counter(kind for _, kind in matches)
    kind_counts = {kind: counts.get(kind, 0) for kind in Kind.values}
    if kinds:
        matches = [match for match in matches if match[1] in kinds]
    paginator = Paginator(matches, PAGE_SIZE)
    current = nearest_page(paginator, page)
    ids = [pk for pk, _ in current.object_list]
    documents = SearchDocument.objects.defer("search_vector", "rank_vector").in_bulk(ids)
    shown = _still_published([documents[pk] for pk in ids if pk in documents])
    return SearchOutcome(
        query=text,
        results=_results(shown, text),
        count=paginator.count,
        page=current.number,
        num_pages=paginator.num_pages,
        kind_counts=kind_counts,
    )


def _results(documents: list[SearchDocument], text: str) -> list[Result]:
    words = plain_words(" ".join(query_variants(text)))
    return [
        Result(
            kind=doc.kind,
            kind_label=doc.get_kind_display(),
            title=doc.title,
            url=doc.url,
            snippet=snippet(doc, words),
        )
        for doc in documents
    ]


# SQLite: the same query syntax read in Python, matched with case-insensitive "contains".

TEXT_FIELDS = ("title", "summary", "keywords", "body")


def parse_websearch(text: str) -> list[tuple[list[str], list[str]]]:
    """Alternatives separated by 'or', each with the words or "phrases" it needs and the
    -words it must not have, as PostgreSQL's web search syntax reads them."""
    alternatives: list[tuple[list[str], list[str]]] = [([], [])]
    for match in re.finditer(r'(-?)"([^"]*)"?|(\S+)', text):
        negated, phrase, token = match.groups()
        if token is not None and token.lower() == "or":
            alternatives.append(([], []))
            continue
        if token is not None:
            negated, phrase = ("-" if token.startswith("-") else ""), token.lstrip("-")
        words = " ".join(re.findall(r"[\w'’]+", phrase))
        if words:
            alternatives[-1][1 if negated else 0].append(words)
    return [alternative for alternative in alternatives if alternative[0]]


def _contains(word: str) -> Q:
    return reduce(or_, (Q(**{f"{name}__icontains": word}) for name in TEXT_FIELDS))


def _simple_matches(text: str) -> QuerySet:
    conditions = []
    for variant in query_variants(text):
        for needed, excluded in parse_websearch(variant):
            condition = reduce(and_, (_contains(word) for word in needed))
            for word in excluded:
                condition &= ~_contains(word)
            conditions.append(condition)
    if not conditions:
        return SearchDocument.objects.none()
    return SearchDocument.objects.filter(reduce(or_, conditions))


def _simple_page(matches: QuerySet, text: str) -> QuerySet:
    # Title above summary and other names above body, as the weights do on PostgreSQL.
    words = plain_words(text) or [text]
    in_title = reduce(or_, (Q(title__icontains=word) for word in words))
    in_summary = reduce(
        or_, (Q(summary__icontains=word) | Q(keywords__icontains=word) for word in words)
    )
    place = Case(
        When(title__icontains=text, then=Value(3)),
        When(in_title, then=Value(2)),
        When(in_summary, then=Value(1)),
        default=Value(0),
        output_field=IntegerField(),
    )
    return matches.annotate(place=place).order_by("-place", "title", "pk")


# PostgreSQL: full text search with stemming and weights, plus title trigram similarity
# so near misses ("practise supervisor") still find the page.


def _search_query(text: str) -> SearchQuery:
    return reduce(
        or_,
        (
            SearchQuery(variant, search_type="websearch", config="english")
            for variant in query_variants(text)
        ),
    )


def _trigram_text(text: str) -> str:
    """The words to compare with titles by trigrams. '' when too short to compare, or when
    the visitor used "quotes", -exclusions or 'or' and so asked for exact matches."""
    if re.search(r'"|(^|\s)-\S|\bor\b', text, re.IGNORECASE):
        return ""
    words = " ".join(plain_words(text))
    return words if len(words) >= 4 else ""


def _postgres_ranked(text: str) -> list[tuple[int, str]]:
    """Full text matches ranked on the small title-and-summary vector (pages matching there
    rank first; ranking the whole text would be slow with thousands of matches), plus titles
    that look like the query, ranked by how alike they are. Two index scans, merged here."""
    query = _search_query(text)
    scores: dict[int, list] = {
        pk: [kind, title, rank]
        for pk, kind, title, rank in SearchDocument.objects.filter(search_vector=query)
        .annotate(rank=SearchRank(F("rank_vector"), query))
        .order_by("-rank")
        .values_list("pk", "kind", "title", "rank")[:MAX_MATCHES]
    }
    if _trigram_text(text):
        similar = (
            SearchDocument.objects.filter(title__trigram_word_similar=_trigram_text(text))
            .annotate(similarity=TrigramWordSimilarity(_trigram_text(text), "title"))
            .values_list("pk", "kind", "title", "similarity")[:MAX_MATCHES]
        )
        for pk, kind, title, similarity in similar:
            scores.setdefault(pk, [kind, title, 0.0])[2] += similarity
    ranked = sorted(scores.items(), key=lambda item: (-item[1][2], item[1][1], item[0]))
    return [(pk, kind) for pk, (kind, _, _) in ranked][:MAX_MATCHES]


def _spelling_correction(text: str) -> str:
    """The query with unknown words replaced by the most alike word in the index, or ''."""
    words = [word.lower() for word in plain_words(text) if re.fullmatch(r"[A-Za-z]{4,40}", word)]
    words = words[:MAX_CORRECTED_WORDS]
    known = set(SearchTerm.objects.filter(word__in=words).values_list("word", flat=True))
    corrected = text
    for word in words:
        best = None if word in known else _closest_word(word)
        if best:
            corrected = re.sub(rf"\b{re.escape(word)}\b", best, corrected, flags=re.IGNORECASE)
    return corrected if corrected != text else ""


def _closest_word(word: str) -> str | None:
    if connection.vendor == "postgresql":
        return (
            SearchTerm.objects.annotate(similarity=TrigramSimilarity("word", word))
            .filter(word__trigram_similar=word, similarity__gte=SPELLING_SIMILARITY)
            .order_by("-similarity", "word")
            .values_list("word", flat=True)
            .first()
        )
    # SQLite has no trigram index; the embedded default's vocabulary is small.
    vocabulary = SearchTerm.objects.filter(word__startswith=word[0]).values_list("word", flat=True)
    matches = difflib.get_close_matches(word, list(vocabulary), n=1, cutoff=0.8)
    return matches[0] if matches else None
