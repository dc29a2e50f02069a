"""Which proposals of a round look alike, and why: a pure computation over what they say.

Three signals, each a cosine similarity computed by scikit-learn:
- the activity's text (title, activity, how it brings about the outcome) as TF-IDF vectors, with
  English stop words left out, so that shared distinctive words count and common ones do not;
- the consortium's organisations (lead and partners), as sets;
- the neighbourhoods the activity works in, as sets.

The score weighs them (text most). Rows are compared a block at a time against the whole round,
so memory stays bounded by the block, whatever the number of proposals.
"""

import heapq
from dataclasses import dataclass, field

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from proposals.review.reasons import NEIGHBOURHOODS, PARTNERS, TEXT

TEXT_WEIGHT = 0.6
PARTNER_WEIGHT = 0.25
NEIGHBOURHOOD_WEIGHT = 0.15
# A pair below this score is not reported; each signal counts as a reason only above its own floor.
MIN_SCORE = 0.12
MIN_TEXT = 0.1
# The most similar proposals kept for each proposal: this many in its own priority, this many in others.
KEEP_PER_GROUP = 5
SHARED_WORDS = 6
BLOCK = 256
# Words of three letters or more, without digits: "16-24" and "Q3" say nothing of an activity.
WORDS = r"(?u)\b[^\W\d_]{3,}\b"


@dataclass(frozen=True)
class Candidate:
    """What the finder reads of one submitted proposal."""

    pk: int
    priority: int
    text: str
    # Organisation key -> name as shown (a registered organisation's id, else its typed name).
    organisations: dict = field(default_factory=dict)
    # Neighbourhood key (case-folded) -> name as typed.
    neighbourhoods: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Match:
    proposal: int
    other: int
    score: float
    same_priority: bool
    reasons: list


def neighbourhoods_of(text):
    """'Hillfields, foleshill ,Wood End' -> {'hillfields': 'Hillfields', 'foleshill': 'foleshill', ...}."""
    names = {}
    for name in (text or "").split(","):
        name = " ".join(name.split())
        if name:
            names.setdefault(name.casefold(), name)
    return names


def _set_vectors(sets):
    """Binary vectors of the sets' keys (None when no proposal has any)."""
    if not any(sets):
        return None
    vectorizer = CountVectorizer(analyzer=lambda keys: list(keys), binary=True, lowercase=False)
    return vectorizer.fit_transform(sets)


def _text_vectors(texts):
    if not any(text.strip() for text in texts):
        return None, None
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True, token_pattern=WORDS)
    try:
        return vectorizer.fit_transform(texts), vectorizer.get_feature_names_out()
    except ValueError:  # nothing left once stop words are removed
        return None, None


def _block_similarity(matrix, start, stop):
    if matrix is None:
        return 0.0
    return cosine_similarity(matrix[start:stop], matrix)


class _Rows:
    """The rows of a CSR matrix as {term: weight}, each read once from the matrix's arrays."""

    def __init__(self, matrix):
        self.matrix = matrix
        self.cache = {}

    def __getitem__(self, i):
        if i not in self.cache:
            start, stop = self.matrix.indptr[i], self.matrix.indptr[i + 1]
            self.cache[i] = dict(
                zip(self.matrix.indices[start:stop].tolist(), self.matrix.data[start:stop].tolist(), strict=True)
            )
        return self.cache[i]


def _shared_words(rows, words, i, j):
    """The words both proposals use, most distinctive first (their TF-IDF weights multiplied)."""
    weights_i, weights_j = rows[i], rows[j]
    if len(weights_j) < len(weights_i):
        weights_i, weights_j = weights_j, weights_i
    shared = [(-weight * weights_j[term], str(words[term])) for term, weight in weights_i.items() if term in weights_j]
    return [word for _weight, word in heapq.nsmallest(SHARED_WORDS, shared)]


def _reasons(a, b, text_score, rows, words, i, j):
    reasons = []
    shared_organisations = sorted(a.organisations.keys() & b.organisations.keys(), key=lambda k: a.organisations[k])
    if shared_organisations:
        reasons.append({"kind": PARTNERS, "names": [a.organisations[key] for key in shared_organisations]})
    shared_places = sorted(a.neighbourhoods.keys() & b.neighbourhoods.keys())
    if shared_places:
        reasons.append({"kind": NEIGHBOURHOODS, "names": [a.neighbourhoods[key] for key in shared_places]})
    if text_score >= MIN_TEXT and rows is not None:
        shared = _shared_words(rows, words, i, j)
        if shared:
            reasons.append({"kind": TEXT, "words": shared, "score": round(float(text_score), 3)})
    return reasons


def _best(scores, indices, limit):
    """The ``limit`` indices of the highest scores at or above MIN_SCORE, best first."""
    indices = indices[scores[indices] >= MIN_SCORE]
    if len(indices) > limit:
        indices = indices[np.argpartition(-scores[indices], limit - 1)[:limit]]
    return sorted(indices.tolist(), key=lambda k: (-scores[k], k))


def find_similar(candidates):
    """Every proposal's most similar others (``Match`` rows): up to KEEP_PER_GROUP of its own
    priority and as many of other priorities, each with its reasons."""
    candidates = list(candidates)
    if len(candidates) < 2:
        return []
    text_matrix, words = _text_vectors([c.text for c in candidates])
    partner_matrix = _set_vectors([list(c.organisations) for c in candidates])
    place_matrix = _set_vectors([list(c.neighbourhoods) for c in candidates])
    priorities = np.array([c.priority for c in candidates])
    rows = _Rows(text_matrix) if text_matrix is not None else None
    matches = []
    for start in range(0, len(candidates), BLOCK):
        stop = min(start + BLOCK, len(candidates))
        text = _block_similarity(text_matrix, start, stop)
        scores = (
            TEXT_WEIGHT * text
            + PARTNER_WEIGHT * _block_similarity(partner_matrix, start, stop)
            + NEIGHBOURHOOD_WEIGHT * _block_similarity(place_matrix, start, stop)
        )
        scores = np.broadcast_to(scores, (stop - start, len(candidates)))
        text = np.broadcast_to(text, (stop - start, len(candidates)))
        for offset in range(stop - start):
            i = start + offset
            row = scores[offset].copy()
            row[i] = -1.0
            same = priorities == priorities[i]
            chosen = _best(row, np.flatnonzero(same), KEEP_PER_GROUP) + _best(
                row, np.flatnonzero(~same), KEEP_PER_GROUP
            )
            for j in chosen:
                reasons = _reasons(candidates[i], candidates[j], text[offset, j], rows, words, i, j)
                if reasons:
                    matches.append(
                        Match(
                            proposal=candidates[i].pk,
                            other=candidates[j].pk,
                            score=min(float(row[j]), 1.0),
                            same_priority=bool(same[j]),
                            reasons=reasons,
                        )
                    )
    return matches
