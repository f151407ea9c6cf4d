-- What this database is: one row naming the product and when the data directory was created.
CREATE TABLE store_info (
    id          INT PRIMARY KEY,
    product     VARCHAR(64) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
);
INSERT INTO store_info (id, product) VALUES (1, 'symbi');
