CREATE TABLE staff_account (
    username      VARCHAR(64) PRIMARY KEY,
    password_hash VARCHAR(255) NOT NULL,
    enabled       BOOLEAN NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE staff_account_role (
    username VARCHAR(64) NOT NULL REFERENCES staff_account (username),
    role     VARCHAR(32) NOT NULL,
    PRIMARY KEY (username, role)
);
