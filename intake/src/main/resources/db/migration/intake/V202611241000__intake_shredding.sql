-- When a submission's objects were destroyed (crypto-shredding under the retention policy): its
-- wrapped keys and ciphertexts are gone; the row stays so the access log's case id keeps a meaning.
ALTER TABLE submission ADD COLUMN shredded_at TIMESTAMP WITH TIME ZONE;
