MATCH (p:Person) WHERE EXISTS { MATCH (p)-[:MEETS]-(o) WITH p, count(o) AS n WHERE n > 1 RETURN n } AND NOT (p)-[:VISITS]->() RETURN p{.name, met: size([(p)--(x) | x])}
