"""The province screening written in DuckDB SQL, the baseline riskscreen is measured against.

Usage: duckdb_screen.py DATA_DIR AS_OF OUT_CSV [THREADS [SHAPE]]

DATA_DIR holds what `riskscreen generate --shape SHAPE` writes (SHAPE present, the default: residents.csv,
travel_rail.csv, travel_telecom.csv, travel_checkpoint.csv; clean: residents.csv and one travel.csv with
English headers and ISO dates; wide: the present feeds, residents with extra columns; and regions.csv,
policy.toml). Each shape is read with the simplest SQL a user would write for it. The query
does what a careful analyst would write: typed read_csv per feed, region codes
canonicalised as SPEC 1.1 says, the window filter applied while reading, stays
deduplicated by identity (a correction resends a record_id; the later one wins),
one equi-join per region level for direct exposures and one for stays known only
at a coarser region, the winning candidate per person (SPEC 2), and the residents'
community (latest updated_at wins). It validates nothing: the benchmark data has
no bad rows, so skipping validation only helps DuckDB.

Writes the first 16 columns of measures.csv as riskscreen writes them on a first run into an empty state
(SPEC 3, 4): every measure `new`, in SPEC 4's order (community, unassigned last; grid; ID number), serials
numbered per community in that order (`<community or 000000000000>-<as-of>-NNNN`); residents' name, phone and
place from their latest residents row; visitors' name and phone from their latest-arriving travel row (on the
same day, the later file as bench.sh names them: checkpoint, rail, telecom); the region's name as the rule file
writes it (the generator writes the gazetteer's full names, which is what riskscreen prints). bench/compare.py
checks them against riskscreen's measures.csv.
"""
import sys
import tomllib

import duckdb

data, as_of, out = sys.argv[1], sys.argv[2], sys.argv[3]
threads = int(sys.argv[4]) if len(sys.argv) > 4 else 2
shape = sys.argv[5] if len(sys.argv) > 5 else "present"
if shape not in ("present", "clean", "wide"):
    sys.exit(f"unknown shape {shape}: expected present, clean or wide")

with open(f"{data}/policy.toml", "rb") as f:
    policy = tomllib.load(f)
lookback = int(policy["lookback_days"])
severity = {"centralized_quarantine": 3, "home_quarantine": 2, "health_monitoring": 1, "none": 0}
rank = {"high": 3, "medium": 2, "low": 1}
levels = []
for name, rule in policy["levels"].items():
    coarse = rule.get("coarse", "none")
    levels.append(f"('{name}', {rank[name]}, '{rule['action']}', {severity[rule['action']]}, {int(rule['days'])}, "
                  + (f"'{coarse}'" if coarse != "none" else "NULL") + ")")

con = duckdb.connect()
con.execute(f"SET threads = {threads}")
con.execute("SET preserve_insertion_order = false")
q_template = """
CREATE MACRO c12(c) AS CASE WHEN length(c) = 12 AND suffix(c, '000') THEN left(c, 9) ELSE c END;
CREATE MACRO c9(c) AS CASE WHEN length(c) = 9 AND suffix(c, '000') THEN left(c, 6) ELSE c END;
CREATE MACRO c6(c) AS CASE WHEN length(c) = 6 AND suffix(c, '00') THEN left(c, 4) ELSE c END;
CREATE MACRO c4(c) AS CASE WHEN length(c) = 4 AND suffix(c, '00') THEN left(c, 2) ELSE c END;
CREATE MACRO canon(c) AS c4(c6(c9(c12(trim(c)))));
CREATE MACRO idtype(t) AS CASE WHEN t IS NULL OR t IN ('', 'cn_id', '居民身份证', '身份证') THEN 'cn_id'
                              WHEN t IN ('passport', '护照') THEN 'passport' ELSE 'other' END;
CREATE MACRO idno(t, n) AS CASE WHEN idtype(t) = 'cn_id' THEN upper(trim(n)) ELSE upper(replace(n, ' ', '')) END;

CREATE TABLE policy(level VARCHAR, rank INT, action VARCHAR, severity INT, days INT, coarse VARCHAR);
INSERT INTO policy VALUES {levels};

CREATE TABLE des AS
  SELECT canon(region_code) AS g, length(canon(region_code)) AS glen, region_name AS name,
         CASE WHEN risk_level IN ('high', '高', '高风险') THEN 'high'
              WHEN risk_level IN ('medium', '中', '中风险') THEN 'medium' ELSE 'low' END AS level,
         greatest(f, DATE '{as_of}' - {lookback}) AS f, least(coalesce(t, DATE '{as_of}'), DATE '{as_of}') AS t
  FROM read_csv('{data}/regions.csv', header = true, all_varchar = false,
                columns = {{'region_code': 'VARCHAR', 'region_name': 'VARCHAR', 'risk_level': 'VARCHAR', 'f': 'DATE', 't': 'DATE'}})
  WHERE f <= DATE '{as_of}' AND coalesce(t, DATE '{as_of}') >= DATE '{as_of}' - {lookback};

-- Coarse keys: every shorter prefix of a designated region, for stays known only at that prefix.
CREATE TABLE coarse AS
  SELECT left(g, l) AS key, d.* FROM des d, (VALUES (2), (4), (6), (9)) v(l) WHERE l < glen;

{stays}CREATE TABLE cand AS
WITH hits AS (
  SELECT s.t, s.n, s.a, s.b, d.g, d.glen, d.level, d.f, d.t AS dt, true AS direct FROM stays s JOIN des d ON d.glen = 2 AND left(s.r, 2) = d.g
  UNION ALL SELECT s.t, s.n, s.a, s.b, d.g, d.glen, d.level, d.f, d.t, true FROM stays s JOIN des d ON d.glen = 4 AND s.rlen >= 4 AND left(s.r, 4) = d.g
  UNION ALL SELECT s.t, s.n, s.a, s.b, d.g, d.glen, d.level, d.f, d.t, true FROM stays s JOIN des d ON d.glen = 6 AND s.rlen >= 6 AND left(s.r, 6) = d.g
  UNION ALL SELECT s.t, s.n, s.a, s.b, d.g, d.glen, d.level, d.f, d.t, true FROM stays s JOIN des d ON d.glen = 9 AND s.rlen >= 9 AND left(s.r, 9) = d.g
  UNION ALL SELECT s.t, s.n, s.a, s.b, d.g, d.glen, d.level, d.f, d.t, true FROM stays s JOIN des d ON d.glen = 12 AND s.rlen = 12 AND s.r = d.g
  UNION ALL SELECT s.t, s.n, s.a, s.b, c.g, c.glen, c.level, c.f, c.t, false FROM stays s JOIN coarse c ON s.rlen < 12 AND s.r = c.key
), exposed AS (
  SELECT h.t, h.n, h.g, least(h.b, h.dt) AS e,
         CASE WHEN h.direct THEN h.level ELSE p.coarse END AS lv
  FROM hits h JOIN policy p ON p.level = h.level
  WHERE greatest(h.a, h.f) <= least(h.b, h.dt)
)
SELECT x.t, x.n, p.action, p.severity, x.lv AS level, p.rank, x.g, x.e, x.e + p.days AS until
FROM exposed x JOIN policy p ON p.level = x.lv
WHERE p.severity > 0 AND x.e + p.days >= DATE '{as_of}';

CREATE TABLE best AS
  SELECT * FROM cand
  QUALIFY row_number() OVER (PARTITION BY t, n ORDER BY severity DESC, until DESC, rank DESC, g ASC) = 1;

{home}-- Visitors are named from their latest-arriving travel row (any day, not only the window's), as riskscreen
-- does: a second scan of the feeds (`travel` is a view). Materialising every row once instead is faster but
-- doubles DuckDB's peak memory.
CREATE TABLE contact AS
  SELECT t, n, arg_max({{'name': name, 'phone': phone}}, (a, f)) AS c
  FROM travel WHERE (t, n) IN (SELECT (t, n) FROM best) AND (name IS NOT NULL OR phone IS NOT NULL)
  GROUP BY t, n;

CREATE TABLE measures AS
  SELECT b.*, h.t IS NOT NULL AS resident, h.r.name, h.r.phone, h.r.community, h.r.community_name, h.r.grid, h.r.address,
         c.c.name AS cname, c.c.phone AS cphone,
         (SELECT any_value(name) FROM des WHERE des.g = b.g) AS region_name
  FROM best b LEFT JOIN home h ON h.t = b.t AND h.n = b.n LEFT JOIN contact c ON c.t = b.t AND c.n = b.n;

COPY (
  SELECT printf('%s-%s-%04d', coalesce(community, '000000000000'), strftime(DATE '{as_of}', '%Y%m%d'),
                row_number() OVER (PARTITION BY community ORDER BY coalesce(grid, ''), n, tr)) AS serial,
         'new' AS status, t AS id_type, n AS id_no,
         CASE WHEN resident THEN name ELSE cname END AS name, CASE WHEN resident THEN phone ELSE cphone END AS phone,
         community AS community_code, community_name, grid AS grid_id, address, action, level,
         rpad(g, 12, '0') AS region_code, region_name,
         strftime(e, '%Y-%m-%d') AS last_exposure_on, strftime(until, '%Y-%m-%d') AS until
  FROM (SELECT *, CASE t WHEN 'cn_id' THEN 0 WHEN 'passport' THEN 1 ELSE 2 END AS tr FROM measures)
  ORDER BY community NULLS LAST, coalesce(grid, ''), n, tr
) TO '{out}' (HEADER, DELIMITER ',');
"""
stays_sql = {"clean": """-- One platform feed: typed columns, dates read as dates, every row with its record ID and source.
CREATE VIEW travel AS
SELECT source AS src, record_id AS rid, 'cn_id' AS t, upper(trim(id_no)) AS n, name, NULL::VARCHAR AS phone, 1 AS f,
       canon(region_code) AS r, arrived_on AS a, coalesce(left_on, arrived_on) AS b
FROM read_csv('{data}/travel.csv', header = true,
     columns = {{'record_id': 'VARCHAR', 'source': 'VARCHAR', 'id_no': 'VARCHAR', 'name': 'VARCHAR',
                'region_code': 'VARCHAR', 'arrived_on': 'DATE', 'left_on': 'DATE'}});

"""}.get(shape, """-- The three agencies' feeds as one: f is the file's place on riskscreen's command line (later wins a tie).
CREATE VIEW travel AS
  SELECT 'rail' AS src, record_id AS rid, idtype(id_type) AS t, idno(id_type, id_no) AS n, name, NULL::VARCHAR AS phone, 2 AS f,
         canon(region_code) AS r, arrived_on AS a, coalesce(left_on, arrived_on) AS b
  FROM read_csv('{data}/travel_rail.csv', header = true,
       columns = {{'record_id': 'VARCHAR', 'source': 'VARCHAR', 'id_type': 'VARCHAR', 'id_no': 'VARCHAR', 'name': 'VARCHAR',
                  'region_code': 'VARCHAR', 'arrived_on': 'DATE', 'left_on': 'DATE'}})
  UNION ALL
  SELECT 'checkpoint', rid, idtype(it), idno(it, n), name, phone, 1, canon(rc),
         coalesce(try_strptime(ar, '%Y%m%d'), try_strptime(ar, '%Y/%m/%d'))::DATE,
         coalesce(try_strptime(lf, '%Y%m%d'), try_strptime(lf, '%Y/%m/%d'), try_strptime(ar, '%Y%m%d'), try_strptime(ar, '%Y/%m/%d'))::DATE
  FROM read_csv('{data}/travel_checkpoint.csv', header = true,
       columns = {{'rid': 'VARCHAR', 'src': 'VARCHAR', 'it': 'VARCHAR', 'n': 'VARCHAR', 'name': 'VARCHAR', 'phone': 'VARCHAR',
                  'rc': 'VARCHAR', 'ar': 'VARCHAR', 'lf': 'VARCHAR'}})
  UNION ALL
  SELECT 'telecom', NULL, 'cn_id', upper(trim(n)), name, phone, 3, canon(rc), ar::DATE, coalesce(lf, ar)::DATE
  FROM read_csv('{data}/travel_telecom.csv', header = true,
       columns = {{'n': 'VARCHAR', 'name': 'VARCHAR', 'phone': 'VARCHAR', 'rc': 'VARCHAR', 'ar': 'TIMESTAMP', 'lf': 'TIMESTAMP'}});

""") + """CREATE TABLE stays AS
-- Window pushed down: a stay ending before the window cannot expose (corrections only extend a stay).
SELECT t, n, r, length(r) AS rlen, a, max(b) AS b
FROM travel WHERE b >= DATE '{as_of}' - {lookback} AND a <= DATE '{as_of}'
GROUP BY src, coalesce(rid, n || '|' || r || '|' || a || '|' || b), t, n, r, a;

"""
# Each residents row's place, as measures.csv writes it; the latest updated_at wins.
place = "{{'name': name, 'phone': phone, 'community': rpad(canon(cc), 12, '0'), 'community_name': cn, 'grid': grid, 'address': addr}}"
home_sql = {"clean": """CREATE TABLE home AS
  SELECT 'cn_id' AS t, upper(trim(id_no)) AS n, arg_max(PLACE, updated_at) AS r
  FROM read_csv('{data}/residents.csv', header = true,
       columns = {{'id_no': 'VARCHAR', 'name': 'VARCHAR', 'phone': 'VARCHAR', 'cc': 'VARCHAR',
                  'cn': 'VARCHAR', 'grid': 'VARCHAR', 'addr': 'VARCHAR', 'updated_at': 'DATE'}})
  WHERE ('cn_id', upper(trim(id_no))) IN (SELECT (t, n) FROM best)
  GROUP BY ALL;

""", "wide": """CREATE TABLE home AS
  -- A census export: the columns it needs by their headers, the rest left alone.
  SELECT idtype("证件类型") AS t, idno("证件类型", "身份证号") AS n,
         arg_max({{'name': "姓名", 'phone': "手机号码", 'community': rpad(canon("社区代码"), 12, '0'), 'community_name': "社区名称",
                  'grid': "网格", 'address': "住址"}},
                 coalesce(try_strptime("更新日期", '%Y-%m-%d'), try_strptime("更新日期", '%Y/%m/%d'))) AS r
  FROM read_csv('{data}/residents.csv', header = true, all_varchar = true)
  WHERE (idtype("证件类型"), idno("证件类型", "身份证号")) IN (SELECT (t, n) FROM best)
  GROUP BY ALL;

"""}.get(shape, """CREATE TABLE home AS
  SELECT idtype(it) AS t, idno(it, n) AS n, arg_max(PLACE, coalesce(try_strptime(u, '%Y-%m-%d'), try_strptime(u, '%Y/%m/%d'))) AS r
  FROM read_csv('{data}/residents.csv', header = true,
       columns = {{'n': 'VARCHAR', 'it': 'VARCHAR', 'name': 'VARCHAR', 'phone': 'VARCHAR', 'cc': 'VARCHAR', 'cn': 'VARCHAR',
                  'grid': 'VARCHAR', 'addr': 'VARCHAR', 'u': 'VARCHAR'}})
  WHERE (idtype(it), idno(it, n)) IN (SELECT (t, n) FROM best)
  GROUP BY ALL;

""").replace("PLACE", place)
q = q_template.replace("{stays}", stays_sql).replace("{home}", home_sql)
con.execute(q.format(data=data, as_of=as_of, lookback=lookback, levels=", ".join(levels), out=out))
