-- Search at a million customers. Trigram similarity over every row is too slow when a typed word is
-- near a common name (a typo of "Ivanova" touches every Ivan*, a tenth of a Russian base), so a name is
-- looked up in two steps:
--   1. the words of `search_keys` as an array, GIN-indexed: exact words are found directly;
--   2. the organization's vocabulary of those words, far smaller than the base (names repeat: 1 737 words
--      for the benchmark's million customers): prefixes and typos are resolved there (B-tree and trigram
--      indexes), then looked up as exact words in step 1.
CREATE INDEX customers_search_words ON customers USING gin (string_to_array(search_keys, ' '));
-- The trigram index of the core schema served a word-similarity search that measured 440 ms at p99 on
-- 200 000 customers (the typo of a common name rechecks a tenth of the base); nothing uses it now, and it
-- was the most expensive index to maintain on every insert and import.
DROP INDEX customers_search_keys;

-- No unique constraint on purpose: with one, an import inserting "anna" inside a long transaction would
-- make every other insert of "anna" wait for it. A rare duplicate from two concurrent first uses of a word
-- is harmless (readers use DISTINCT); words nobody has any more are removed by the customers' cleanup.
CREATE TABLE customer_search_words (
  organization_id uuid NOT NULL,
  word            text NOT NULL
);
CREATE INDEX customer_search_words_word ON customer_search_words (organization_id, word text_pattern_ops);
CREATE INDEX customer_search_words_trgm ON customer_search_words USING gin (word gin_trgm_ops);

-- Every writer of customers (the service, the import's COPY, a restore) feeds the vocabulary, once per
-- statement, so no code path can forget it.
CREATE FUNCTION customer_search_words_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO customer_search_words (organization_id, word)
  SELECT DISTINCT n.organization_id, w
  FROM new_rows n, unnest(string_to_array(n.search_keys, ' ')) AS w
  WHERE w <> ''
    AND NOT EXISTS (SELECT 1 FROM customer_search_words s WHERE s.organization_id = n.organization_id AND s.word = w);
  RETURN NULL;
END $$;

CREATE TRIGGER customers_search_words_insert AFTER INSERT ON customers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_search_words_add();
CREATE TRIGGER customers_search_words_update AFTER UPDATE ON customers
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION customer_search_words_add();

-- Customers already there.
INSERT INTO customer_search_words (organization_id, word)
SELECT DISTINCT organization_id, w FROM customers, unnest(string_to_array(search_keys, ' ')) AS w WHERE w <> '';
