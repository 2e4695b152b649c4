-- A message longer than the limit that arrived after the files: the submission is kept with the
-- message's first characters (encrypted as ever) and this records where it was cut, so staff know
-- the source wrote more. Null when the message is whole.
ALTER TABLE submission ADD COLUMN message_cut_at INT;
