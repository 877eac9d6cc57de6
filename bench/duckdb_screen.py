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

Writes one row per measure: id_type,id_no,action,level,region_code,last_exposure_on,until,community_code
(sorted), which bench/compare.py checks against riskscreen's measures.csv.
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
  SELECT canon(region_code) AS g, length(canon(region_code)) AS glen,
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

{home}COPY (
  SELECT b.t AS id_type, b.n AS id_no, b.action, b.level, rpad(b.g, 12, '0') AS region_code,
         strftime(b.e, '%Y-%m-%d') AS last_exposure_on, strftime(b.until, '%Y-%m-%d') AS until,
         coalesce(rpad(h.community, 12, '0'), '') AS community_code
  FROM best b LEFT JOIN home h ON h.t = b.t AND h.n = b.n
  ORDER BY id_type, id_no
) TO '{out}' (HEADER, DELIMITER ',');
"""
stays_sql = {"clean": """CREATE TABLE stays AS
-- One platform feed: typed columns, dates read as dates, every row with its record ID and source.
SELECT 'cn_id' AS t, upper(trim(id_no)) AS n, canon(region_code) AS r, length(canon(region_code)) AS rlen,
       arrived_on AS a, max(coalesce(left_on, arrived_on)) AS b
FROM read_csv('{data}/travel.csv', header = true,
     columns = {{'record_id': 'VARCHAR', 'source': 'VARCHAR', 'id_no': 'VARCHAR', 'name': 'VARCHAR',
                'region_code': 'VARCHAR', 'arrived_on': 'DATE', 'left_on': 'DATE'}})
WHERE coalesce(left_on, arrived_on) >= DATE '{as_of}' - {lookback} AND arrived_on <= DATE '{as_of}'
GROUP BY source, record_id, 1, 2, 3, 5;

"""}.get(shape, """CREATE TABLE stays AS
WITH raw AS (
  SELECT 'rail' AS src, record_id AS rid, idtype(id_type) AS t, idno(id_type, id_no) AS n, canon(region_code) AS r,
         arrived_on AS a, coalesce(left_on, arrived_on) AS b
  FROM read_csv('{data}/travel_rail.csv', header = true,
       columns = {{'record_id': 'VARCHAR', 'source': 'VARCHAR', 'id_type': 'VARCHAR', 'id_no': 'VARCHAR', 'name': 'VARCHAR',
                  'region_code': 'VARCHAR', 'arrived_on': 'DATE', 'left_on': 'DATE'}})
  UNION ALL
  SELECT 'checkpoint', rid, idtype(it), idno(it, n), canon(rc),
         coalesce(try_strptime(ar, '%Y%m%d'), try_strptime(ar, '%Y/%m/%d'))::DATE,
         coalesce(try_strptime(lf, '%Y%m%d'), try_strptime(lf, '%Y/%m/%d'), try_strptime(ar, '%Y%m%d'), try_strptime(ar, '%Y/%m/%d'))::DATE
  FROM read_csv('{data}/travel_checkpoint.csv', header = true,
       columns = {{'rid': 'VARCHAR', 'src': 'VARCHAR', 'it': 'VARCHAR', 'n': 'VARCHAR', 'name': 'VARCHAR', 'phone': 'VARCHAR',
                  'rc': 'VARCHAR', 'ar': 'VARCHAR', 'lf': 'VARCHAR'}})
  UNION ALL
  SELECT 'telecom', NULL, 'cn_id', upper(trim(n)), canon(rc), ar::DATE, coalesce(lf, ar)::DATE
  FROM read_csv('{data}/travel_telecom.csv', header = true,
       columns = {{'n': 'VARCHAR', 'name': 'VARCHAR', 'phone': 'VARCHAR', 'rc': 'VARCHAR', 'ar': 'TIMESTAMP', 'lf': 'TIMESTAMP'}})
)
-- Window pushed down: a stay ending before the window cannot expose (corrections only extend a stay).
SELECT t, n, r, length(r) AS rlen, a, max(b) AS b
FROM raw WHERE b >= DATE '{as_of}' - {lookback} AND a <= DATE '{as_of}'
GROUP BY src, coalesce(rid, n || '|' || r || '|' || a || '|' || b), t, n, r, a;

""")
home_sql = {"clean": """CREATE TABLE home AS
  SELECT 'cn_id' AS t, upper(trim(id_no)) AS n, arg_max(canon(community_code), updated_at) AS community
  FROM read_csv('{data}/residents.csv', header = true,
       columns = {{'id_no': 'VARCHAR', 'name': 'VARCHAR', 'phone': 'VARCHAR', 'community_code': 'VARCHAR',
                  'community_name': 'VARCHAR', 'grid_id': 'VARCHAR', 'address': 'VARCHAR', 'updated_at': 'DATE'}})
  WHERE ('cn_id', upper(trim(id_no))) IN (SELECT (t, n) FROM best)
  GROUP BY ALL;

""", "wide": """CREATE TABLE home AS
  -- A census export: the columns it needs by their headers, the rest left alone.
  SELECT idtype("证件类型") AS t, idno("证件类型", "身份证号") AS n,
         arg_max(canon("社区代码"), coalesce(try_strptime("更新日期", '%Y-%m-%d'), try_strptime("更新日期", '%Y/%m/%d'))) AS community
  FROM read_csv('{data}/residents.csv', header = true, all_varchar = true)
  WHERE (idtype("证件类型"), idno("证件类型", "身份证号")) IN (SELECT (t, n) FROM best)
  GROUP BY ALL;

"""}.get(shape, """CREATE TABLE home AS
  SELECT idtype(it) AS t, idno(it, n) AS n, arg_max(canon(cc), coalesce(try_strptime(u, '%Y-%m-%d'), try_strptime(u, '%Y/%m/%d'))) AS community
  FROM read_csv('{data}/residents.csv', header = true,
       columns = {{'n': 'VARCHAR', 'it': 'VARCHAR', 'name': 'VARCHAR', 'phone': 'VARCHAR', 'cc': 'VARCHAR', 'cn': 'VARCHAR',
                  'grid': 'VARCHAR', 'addr': 'VARCHAR', 'u': 'VARCHAR'}})
  WHERE (idtype(it), idno(it, n)) IN (SELECT (t, n) FROM best)
  GROUP BY ALL;

""")
q = q_template.replace("{stays}", stays_sql).replace("{home}", home_sql)
con.execute(q.format(data=data, as_of=as_of, lookback=lookback, levels=", ".join(levels), out=out))
