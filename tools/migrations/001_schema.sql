-- Reference data (counties, cities, clusters, metric dictionary) and the long indicator table.
CREATE TABLE cities (
    name VARCHAR PRIMARY KEY,
    short_name VARCHAR NOT NULL,
    pinyin VARCHAR NOT NULL
);

CREATE TABLE counties (
    name VARCHAR PRIMARY KEY,
    city VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    short_name VARCHAR NOT NULL,
    pinyin VARCHAR NOT NULL,
    source VARCHAR
);

CREATE TABLE county_aliases (
    county VARCHAR NOT NULL,
    alias VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    PRIMARY KEY (county, alias)
);

CREATE TABLE clusters (
    name VARCHAR PRIMARY KEY,
    county VARCHAR NOT NULL,
    short_name VARCHAR NOT NULL,
    sector VARCHAR NOT NULL,
    manufacturing BOOLEAN NOT NULL,
    recognition_year INTEGER,
    invented BOOLEAN NOT NULL,
    name_basis VARCHAR NOT NULL,
    source VARCHAR,
    note VARCHAR
);

CREATE TABLE cluster_aliases (
    cluster VARCHAR NOT NULL,
    alias VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    PRIMARY KEY (cluster, alias)
);

CREATE TABLE metrics (
    code VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    name_en VARCHAR NOT NULL,
    unit VARCHAR NOT NULL,
    decimals INTEGER NOT NULL,
    is_integer BOOLEAN NOT NULL,
    scope VARCHAR NOT NULL,
    min_value DOUBLE NOT NULL,
    max_value DOUBLE NOT NULL,
    definition VARCHAR NOT NULL
);

-- One value per row; every (cluster, year, metric) may have several vintages and sources.
CREATE TABLE indicators (
    cluster VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    metric VARCHAR NOT NULL,
    value DOUBLE NOT NULL,
    unit VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    vintage VARCHAR NOT NULL,
    import_id INTEGER NOT NULL,
    PRIMARY KEY (cluster, year, metric, source, vintage)
);

CREATE TABLE imports (
    id INTEGER PRIMARY KEY,
    file_name VARCHAR NOT NULL,
    sha256 VARCHAR NOT NULL,
    row_count INTEGER NOT NULL,
    inserted INTEGER NOT NULL,
    updated INTEGER NOT NULL,
    unchanged INTEGER NOT NULL,
    imported_at TIMESTAMP NOT NULL
);

-- Province-wide reference figures that are not cluster sums (e.g. the province's total trade).
CREATE TABLE province_totals (
    code VARCHAR NOT NULL,
    year INTEGER NOT NULL,
    value DOUBLE NOT NULL,
    unit VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    note VARCHAR,
    PRIMARY KEY (code, year)
);

CREATE TABLE store_meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

-- The value in force: real statistics beat demo values, then the newest vintage, then the latest import.
CREATE VIEW current_indicators AS
SELECT cluster, year, metric, value, unit, source, vintage, import_id
FROM (
    SELECT *, row_number() OVER (
        PARTITION BY cluster, year, metric
        ORDER BY (source <> 'demo') DESC, vintage DESC, import_id DESC
    ) AS rn
    FROM indicators
)
WHERE rn = 1;
