-- The database role of source-only processes (infra/deploy/DATABASE-ROLES.md), named by the
-- placeholder leakdesk_source_role (default leakdesk_source; skipped when no such role exists). It
-- may store submissions and follow-ups and do what a signed-in source does (read and delete the
-- replies to its case), nothing else: no Camunda table, no staff account or session, no note, no
-- access log beyond adding entries, no wrapped key or ciphertext it did not write but the source's
-- own reply copies. Only the columns each statement names; a later table is not granted unless a
-- later migration says so.
DO $$
DECLARE
    src TEXT := '${leakdesk_source_role}';
BEGIN
    IF src = '' OR src = current_user OR NOT EXISTS (SELECT FROM pg_roles WHERE rolname = src) THEN
        RAISE NOTICE 'LeakDesk: no source role (%): source-only processes need one (see DATABASE-ROLES.md)', src;
        RETURN;
    END IF;
    EXECUTE format('REVOKE ALL ON ALL TABLES IN SCHEMA public FROM %I', src);
    EXECUTE format('REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM %I', src);
    EXECUTE format('GRANT USAGE ON SCHEMA public TO %I', src);
    -- A new submission: the case, its documents, the hand-over to review; the codename's salt.
    EXECUTE format('GRANT INSERT ON submission, submission_file, source_follow_up, intake_handover TO %I', src);
    EXECUTE format('GRANT SELECT, INSERT ON intake_secret TO %I', src);
    -- Sign-in by codename (its hash), the reply key's public half (set once), the lock that numbers
    -- a follow-up's documents (FOR UPDATE needs UPDATE on some column), whether the case was shredded.
    EXECUTE format('GRANT SELECT (id, codename_hash, reply_public_key, shredded_at) ON submission TO %I', src);
    EXECUTE format('GRANT UPDATE (reply_public_key) ON submission TO %I', src);
    -- A follow-up's documents take the next positions of the case and name their follow-up.
    EXECUTE format('GRANT SELECT (id, submission_id, file_order) ON submission_file TO %I', src);
    EXECUTE format('GRANT UPDATE (follow_up_id) ON submission_file TO %I', src);
    -- The source's copy of each reply: read (marked read) and deleted. Not who sent it, not the
    -- newsroom's copy.
    EXECUTE format('GRANT SELECT (id, seq, submission_id, sent_at, source_ciphertext, read_at, deleted_at) '
        || 'ON source_reply TO %I', src);
    EXECUTE format('GRANT UPDATE (read_at, source_ciphertext, deleted_at) ON source_reply TO %I', src);
    -- Access log entries are added to the pending table (the new row's id is returned); staff and
    -- worker processes seal them into the chain. Neither table can be read.
    EXECUTE format('GRANT INSERT, SELECT (id) ON access_log_pending TO %I', src);
END
$$;
