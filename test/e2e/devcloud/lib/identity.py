"""Keystone side of the stacksweep devcloud, run with Debian's python3 (keystoneauth1 and keystoneclient).

  identity.py bootstrap   service project, roles, service users, services and endpoints (idempotent)
  identity.py ready       exit 0 only when a token can be issued and every API in the catalog answers a list call
"""
import os
import sys
from concurrent.futures import ThreadPoolExecutor

from keystoneauth1 import session as ks_session
from keystoneauth1.identity import v3
from keystoneclient.v3 import client

PASSWORD = os.environ["DEVCLOUD_PASSWORD"]
WITH_OCTAVIA = os.environ.get("DEVCLOUD_NO_OCTAVIA", "0") != "1"
AUTH_URL = "http://127.0.0.1:5000/v3"

# (service name, catalog type, endpoint URL): both block-storage types, as a real deployment registers them
SERVICES = [
    ("nova", "compute", "http://127.0.0.1:8774/v2.1"),
    ("placement", "placement", "http://127.0.0.1:8778"),
    ("neutron", "network", "http://127.0.0.1:9696"),
    ("cinderv3", "volumev3", "http://127.0.0.1:8776/v3/%(project_id)s"),
    ("cinder", "block-storage", "http://127.0.0.1:8776/v3/%(project_id)s"),
    ("glance", "image", "http://127.0.0.1:9292"),
]
if WITH_OCTAVIA:
    SERVICES.append(("octavia", "load-balancer", "http://127.0.0.1:9876"))

SERVICE_USERS = ["nova", "placement", "neutron", "cinder", "glance"] + (["octavia"] if WITH_OCTAVIA else [])
# Octavia's Zed policy ignores the plain member role: projects need load-balancer_member, as devstack grants.
ROLES = ["service", "member", "reader", "load-balancer_member", "load-balancer_observer",
         "load-balancer_global_observer", "load-balancer_admin", "load-balancer_quota_admin"]


def admin_session(timeout):
    auth = v3.Password(auth_url=AUTH_URL, username="admin", password=PASSWORD, project_name="admin",
                       user_domain_id="default", project_domain_id="default")
    return ks_session.Session(auth=auth, timeout=timeout)


def bootstrap():
    keystone = client.Client(session=admin_session(30))
    # keystone serves 2 processes x 2 threads: 4 requests in flight at most
    pool = ThreadPoolExecutor(4)

    def each(fn, items):
        return list(pool.map(lambda args: fn(*args), items))

    projects = {p.name: p for p in keystone.projects.list()}
    service_project = projects.get("service") or keystone.projects.create("service", "default",
                                                                           description="OpenStack services")
    roles = {r.name: r for r in keystone.roles.list()}
    for role in each(lambda name: keystone.roles.create(name), [(n,) for n in ROLES if n not in roles]):
        roles[role.name] = role
    users = {u.name: u for u in keystone.users.list(domain="default")}

    def ensure_user(name):
        if name in users:
            return keystone.users.update(users[name], password=PASSWORD)
        return keystone.users.create(name, domain="default", password=PASSWORD)

    service_users = each(ensure_user, [(n,) for n in SERVICE_USERS])
    each(lambda user, role: keystone.roles.grant(roles[role], user=user, project=service_project),
         [(u, r) for u in service_users for r in ("admin", "service")])
    existing = {s.type: s for s in keystone.services.list()}
    services = each(lambda name, kind: existing.get(kind) or keystone.services.create(name, type=kind),
                    [(name, kind) for name, kind, _ in SERVICES])
    endpoints = keystone.endpoints.list()
    missing = [(service, url, interface)
               for service, (_, _, url) in zip(services, SERVICES)
               for interface in ("public", "internal", "admin")
               if not any(e.service_id == service.id and e.interface == interface for e in endpoints)]
    each(lambda service, url, interface: keystone.endpoints.create(service, url, interface=interface,
                                                                   region="RegionOne"), missing)
    print("identity bootstrap: %d endpoints added" % len(missing))


def ready():
    # One authenticated list call per service: the process answering on its port is not enough (an API whose
    # keystone middleware or database is not ready answers 5xx).
    session = admin_session(15)
    calls = [("compute", "/servers?limit=1"), ("volumev3", "/volumes?limit=1"), ("network", "/v2.0/networks?limit=1"),
             ("image", "/v2/images?limit=1"), ("placement", "/resource_providers")]
    if WITH_OCTAVIA:
        calls.append(("load-balancer", "/v2/lbaas/loadbalancers?limit=1"))
    failed = []
    for service_type, path in calls:
        try:
            response = session.get(path, endpoint_filter={"service_type": service_type, "interface": "public"},
                                   raise_exc=False)
            if response.status_code != 200:
                failed.append("%s %s -> HTTP %d" % (service_type, path, response.status_code))
        except Exception as error:  # any transport error means "not ready"; the message says which
            failed.append("%s %s -> %s" % (service_type, path, type(error).__name__))
    if failed:
        print("not ready: " + "; ".join(failed))
        return 1
    return 0


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "bootstrap":
        bootstrap()
    elif command == "ready":
        sys.exit(ready())
    else:
        sys.exit("usage: identity.py bootstrap|ready")
