-- How many findings extraction flagged in a document: a count only (the findings themselves stay
-- encrypted with the metadata), so the staff inbox can filter cases with findings in the database.
-- NULL for documents extracted before the count existed.
ALTER TABLE submission_file_metadata ADD COLUMN findings INT;
