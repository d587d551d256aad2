#!/usr/bin/python3
"""Resources whose project was deleted, found the way an operator would script it with openstacksdk.

List every resource of every project with an admin account, list the live projects, and report what the first has
that the second lacks. One process, one connection, one listing after the other, as such a script is written. It is
the baseline of `npm run bench -- --devcloud`, which times it beside a full `stacksweep scan`.

Usage: OS_CLIENT_CONFIG_FILE=clouds.yaml openstacksdk-orphans.py CLOUD   (prints one JSON object)
"""

import json
import sys

import openstack


def listings(conn):
    """The owned resources stacksweep's orphaned-resource check reads, each with the field naming its project."""
    return [
        ("load balancer", lambda: conn.load_balancer.load_balancers(), "project_id"),
        ("server", lambda: conn.compute.servers(all_projects=True), "project_id"),
        ("floating IP", lambda: conn.network.ips(), "project_id"),
        ("router", lambda: conn.network.routers(), "project_id"),
        ("port", lambda: conn.network.ports(), "project_id"),
        ("subnet", lambda: conn.network.subnets(), "project_id"),
        ("network", lambda: conn.network.networks(), "project_id"),
        ("security group rule", lambda: conn.network.security_group_rules(), "project_id"),
        ("security group", lambda: conn.network.security_groups(), "project_id"),
        ("snapshot", lambda: conn.block_storage.snapshots(all_projects=True), "project_id"),
        ("backup", lambda: conn.block_storage.backups(all_tenants=True), "project_id"),
        ("volume", lambda: conn.block_storage.volumes(all_projects=True), "project_id"),
        ("image", lambda: conn.image.images(), "owner_id"),
        ("RBAC policy", lambda: conn.network.rbac_policies(), "project_id"),
    ]


def main():
    conn = openstack.connect(cloud=sys.argv[1])
    # Domains own resources too (a domain is a project acting as a domain).
    live = {project.id for project in conn.identity.projects()} | {domain.id for domain in conn.identity.domains()}
    orphans = []
    listed = 0
    for kind, listing, owner_field in listings(conn):
        for resource in listing():
            listed += 1
            owner = getattr(resource, owner_field, None)
            if owner and owner not in live:
                orphans.append({"type": kind, "id": resource.id, "project_id": owner})
    print(json.dumps({"listed": listed, "orphans": orphans}))


if __name__ == "__main__":
    main()
