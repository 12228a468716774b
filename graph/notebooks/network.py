#!/usr/bin/env python3
"""dealgraph as a network, as a researcher takes it: who is central, and the compute commitments per year.

Reads the graph over HTTP as GraphML (networkx) and as CSV tables (pandas) from GET /research/export, and counts
agreements with one Cypher statement: over Bolt with the official neo4j driver when it is installed and --bolt is
given, else through POST /cypher. Needs Python 3.9+, networkx and pandas (Debian: python3-networkx python3-pandas;
pip: networkx pandas, and neo4j for Bolt).

    python3 graph/notebooks/network.py [--url http://localhost:8080] [--token READER_TOKEN] [--bolt bolt://localhost:7687]
            [--company openai] [--as-of 2026-06-01] [--json]

The test suite runs this file against its own service (ResearcherExampleTest), so what it prints here is checked.
"""
import argparse
import io
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zipfile

import networkx as nx
import pandas as pd


def fetch(request, tries=5):
    """The response's body; a 429 (this client's slot still taken, or its rate spent) is retried after Retry-After."""
    for attempt in range(tries):
        try:
            with urllib.request.urlopen(request) as response:
                return response.read()
        except urllib.error.HTTPError as e:
            if e.code != 429 or attempt == tries - 1:
                raise
            time.sleep(float(e.headers.get("Retry-After", "1")))


def get(args, path, **query):
    query = {k: v for k, v in query.items() if v is not None}
    request = urllib.request.Request(f"{args.url}{path}?{urllib.parse.urlencode(query)}")
    if args.token:
        request.add_header("Authorization", f"Bearer {args.token}")
    return fetch(request)


def count_agreements(args):
    """One Cypher statement, over Bolt when asked (and the neo4j driver is there), else through POST /cypher."""
    statement = "MATCH (a:Agreement) RETURN count(a) AS agreements"
    if args.bolt:
        import neo4j  # pip install neo4j
        auth = (args.bolt_user, args.bolt_password) if args.bolt_user else None
        with neo4j.GraphDatabase.driver(args.bolt, auth=auth) as driver:
            records, _, _ = driver.execute_query(statement, routing_=neo4j.RoutingControl.READ)
            return records[0]["agreements"]
    request = urllib.request.Request(f"{args.url}/cypher", data=json.dumps({"statement": statement}).encode(),
                                     headers={"Content-Type": "application/json"})
    if args.token:
        request.add_header("Authorization", f"Bearer {args.token}")
    return json.loads(fetch(request))["rows"][0][0]


def company_network(graph):
    """Companies linked when they are parties to the same agreement; the weight counts their agreements."""
    network = nx.Graph()
    for node, data in graph.nodes(data=True):
        if data.get("type") == "company":
            network.add_node(node, name=data.get("name"))
    for node, data in graph.nodes(data=True):
        if data.get("type") != "agreement":
            continue
        parties = sorted({u for u, _, d in graph.in_edges(node, data=True) if d.get("type") == "PARTY_TO"})
        for i, a in enumerate(parties):
            for b in parties[i + 1:]:
                weight = network.get_edge_data(a, b, {"weight": 0})["weight"]
                network.add_edge(a, b, weight=weight + 1)
    return network


def commitments_per_year(tables):
    """Compute commitments per announcement year and currency, summed from the agreements table."""
    with tables.open("nodes/agreement.csv") as f:
        agreements = pd.read_csv(f)
    agreements.columns = [c.split(":")[0] for c in agreements.columns]  # headers are typed: amount:double
    compute = agreements[(agreements["kind"] == "COMPUTE_COMMITMENT") & agreements["amount"].notna()].copy()
    compute["year"] = pd.to_datetime(compute["announced"]).dt.year
    per_year = compute.groupby(["year", "currency"])["amount"].agg(["count", "sum"]).reset_index()
    return per_year


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("DEALGRAPH_URL", "http://localhost:8080"))
    parser.add_argument("--token", default=os.environ.get("DEALGRAPH_READER_TOKEN"))
    parser.add_argument("--bolt", help="a Bolt address (bolt://localhost:7687) to count agreements over with the neo4j driver")
    parser.add_argument("--bolt-user", default=os.environ.get("NEO4J_USERNAME"))
    parser.add_argument("--bolt-password", default=os.environ.get("NEO4J_PASSWORD"))
    parser.add_argument("--company", help="one company's neighbourhood instead of the whole graph")
    parser.add_argument("--as-of", help="agreements announced by this date (YYYY-MM-DD)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args()

    graph = nx.read_graphml(io.BytesIO(get(args, "/research/export", format="graphml", company=args.company, asOf=args.as_of)))
    tables = zipfile.ZipFile(io.BytesIO(get(args, "/research/export", format="csv", company=args.company, asOf=args.as_of)))
    network = company_network(graph)
    centrality = nx.degree_centrality(network)
    betweenness = nx.betweenness_centrality(network, weight=None)
    central = sorted(network.nodes, key=lambda n: (-centrality[n], n))[:5]
    per_year = commitments_per_year(tables)
    types = {}
    for _, data in graph.nodes(data=True):
        types[data["type"]] = types.get(data["type"], 0) + 1
    figures = {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "nodesByType": types,
        "agreementsByCypher": count_agreements(args),
        "central": [{"company": n.split(":", 1)[1], "name": network.nodes[n]["name"], "partners": network.degree(n),
                     "degreeCentrality": round(centrality[n], 4), "betweenness": round(betweenness[n], 4)} for n in central],
        "computeCommitments": [{"year": int(r.year), "currency": r.currency, "agreements": int(r["count"]), "total": float(r["sum"])}
                               for _, r in per_year.iterrows()],
    }
    if args.json:
        json.dump(figures, sys.stdout, indent=2)
        print()
        return
    print(f"{figures['nodes']} nodes and {figures['edges']} edges; {figures['agreementsByCypher']} agreements by Cypher")
    print("Most connected companies (partners in agreements):")
    for c in figures["central"]:
        print(f"  {c['name']:<20} {c['partners']:>3} partners, betweenness {c['betweenness']:.3f}")
    print("Compute commitments per year:")
    for r in figures["computeCommitments"]:
        print(f"  {r['year']} {r['currency']} {r['total'] / 1e9:,.1f}B in {r['agreements']} agreements")


if __name__ == "__main__":
    main()
