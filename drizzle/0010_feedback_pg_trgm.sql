-- Trigram similarity for "similar posts" suggestions (feedback_posts_title_trgm_idx, next migration).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
