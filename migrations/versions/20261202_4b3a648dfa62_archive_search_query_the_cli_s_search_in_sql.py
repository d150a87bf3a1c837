"""archive_search_query(language, query): the CLI's full-text search in SQL

Revision ID: 4b3a648dfa62
Revises: 0204a75ee6de
Create Date: 2026-12-02

websearch_to_tsquery('russian', 'Корея') stems to 'коре' while Кореи, Корее, Корею
stem to 'кор', and Молотов to 'молот' while Молотова, Молотову stem to 'молотов':
SQL following the search_vector comment found 28 texts where `archive-db search
Корея --lang ru` found 43. The widening the CLI did in Python (each Cyrillic word's
lexeme replaced by the OR of the stems of its likely inflected forms: noun and
adjective endings swapped, or added to a word ending in a consonant) is now this
function, and the CLI calls it too, so the two cannot disagree:

    SELECT key, title FROM document_texts
    WHERE language = 'ru' AND search_vector @@ archive_search_query('ru', 'Корея');
"""

from collections.abc import Sequence

from alembic import op

revision: str = "4b3a648dfa62"
down_revision: str | None = "0204a75ee6de"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Noun and adjective endings, for swapping on a stem.
ENDINGS = (
    "", "а", "я", "о", "е", "ё", "ы", "и", "у", "ю", "ь", "й",
    "ой", "ей", "ою", "ею", "ом", "ем", "ам", "ям", "ами", "ями", "ах", "ях", "ов", "ев",
    "ий", "ый", "ая", "яя", "ое", "ее", "ые", "ие", "ого", "его", "ому", "ему", "ым", "им",
    "ых", "их", "ую", "юю", "ия", "ию", "ии", "ией", "ием", "иям", "иями", "иях",
)  # fmt: skip
MIN_STEM = 3
MAX_WORDS = 12
VOWELS = "аеёиоуыэюяйь"

_ARRAY = "ARRAY[" + ", ".join(f"'{e}'" for e in ENDINGS) + "]::text[]"

FORMS = f"""
CREATE FUNCTION archive_inflected_forms(word text) RETURNS text[]
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    WITH w AS (SELECT lower(word) AS w),
    cut AS (
        SELECT left(w.w, length(w.w) - length(e)) AS stem
          FROM w, unnest({_ARRAY}) AS e
         WHERE e <> '' AND right(w.w, length(e)) = e AND length(w.w) >= length(e)
        UNION
        -- A masculine noun takes its endings on the whole word: Молотов -> Молотова.
        SELECT w.w FROM w WHERE strpos('{VOWELS}', right(w.w, 1)) = 0
    ),
    kept AS (SELECT stem FROM cut WHERE length(stem) >= {MIN_STEM}),
    stems AS (
        SELECT stem FROM kept
        UNION ALL
        SELECT w.w FROM w WHERE NOT EXISTS (SELECT FROM kept)
    )
    SELECT array_agg(DISTINCT f ORDER BY f) FROM (
        SELECT w.w AS f FROM w
        UNION
        SELECT s.stem || e FROM stems s, unnest({_ARRAY}) AS e
    ) AS forms(f)
$$"""

SEARCH = f"""
CREATE FUNCTION archive_search_query(language text, query text) RETURNS tsquery
LANGUAGE plpgsql STABLE PARALLEL SAFE AS $$
DECLARE
    result tsquery;
    word text;
    lexeme tsquery;
BEGIN
    IF language = 'en' THEN
        RETURN websearch_to_tsquery('english', query);
    ELSIF language IS DISTINCT FROM 'ru' THEN
        RAISE EXCEPTION 'archive_search_query: language must be ru or en, not %', language
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    result := websearch_to_tsquery('russian', query);
    -- Each Cyrillic word, once, in order of appearance, at most {MAX_WORDS}.
    FOR word IN
        SELECT m.w FROM regexp_matches(lower(query), '[а-яё]+', 'g') WITH ORDINALITY AS x(a, n),
                        LATERAL (SELECT x.a[1] AS w) AS m
         GROUP BY m.w ORDER BY min(x.n) LIMIT {MAX_WORDS}
    LOOP
        lexeme := plainto_tsquery('russian', word);
        CONTINUE WHEN numnode(lexeme) <> 1;  -- a stop word, or one that splits
        result := ts_rewrite(result, lexeme, websearch_to_tsquery('simple', (
            SELECT string_agg(v.lexeme, ' or ')
              FROM unnest(to_tsvector('russian',
                          array_to_string(archive_inflected_forms(word), ' '))) AS v)));
    END LOOP;
    RETURN result;
END
$$"""

COMMENTS = {
    "archive_inflected_forms(text)": "Likely forms of a Russian noun or adjective: every "
    "stem left by cutting a known ending, with every ending put back (used by "
    "archive_search_query).",
    "archive_search_query(text, text)": "The tsquery archive-db search uses for a query "
    "in web-search syntax (words, \"phrases\", or, -word) and a language (ru, en): "
    "Russian words are widened to their inflected forms (Корея finds Кореи, Корею). "
    "search_vector @@ archive_search_query(language, 'Корея').",
}


def _literal(text: str) -> str:
    # Constants of this file only; COMMENT ON takes no bind parameters.
    return "'" + text.replace("'", "''") + "'"


def upgrade() -> None:
    op.execute(FORMS)
    op.execute(SEARCH)
    for function, text in COMMENTS.items():
        op.execute(f"COMMENT ON FUNCTION {function} IS {_literal(text)}")


def downgrade() -> None:
    op.execute("DROP FUNCTION archive_search_query(text, text)")
    op.execute("DROP FUNCTION archive_inflected_forms(text)")
