"""Reads the RBD images of one pool for stacksweep's ceph source, read-only, in one process.

Why: every `rbd` command loads librbd, authenticates and fetches the cluster maps (about 0.06 s of CPU each), so
reading 100 candidate images with `rbd info` and `rbd status` costs 200 processes. This program connects once and
opens every candidate with librbd itself (python3-rbd and python3-rados, Debian's bindings of the same libraries).

It only reads. Every image is opened with read_only=True (a read-only open registers no watch and takes no lock), and
the only calls it makes on the cluster are these reads (src/deep/ceph/rbd-inspect.test.ts fails on any other):
  rados.Rados(...).connect(), .open_ioctx(pool), .shutdown()      connect, open a pool's I/O context, disconnect
  Ioctx.set_namespace(ns), .close()                               local settings of the I/O context
  rbd.Image(ioctx, name, snapshot=..., read_only=True)           open an image (or one of its snapshots) read-only
  Image.stat(), .features(), .flags(), .create_timestamp()         what `rbd info` shows
  Image.watchers_list()                                            what `rbd status` shows
  Image.list_snaps(), .is_protected_snap(name)                     what `rbd snap ls` shows
  Image.get_parent_image_spec()                                    the parent of a clone
  Image.list_children2()                                           what `rbd children --all` shows
  Image.diff_iterate(...)                                          what `rbd du` reads (object map, fast-diff only)
  Image.close()                                                    close the read-only handle

Input: one JSON object on stdin (conf, id, keyring, timeout, pool, open: image names to read in full, snapshots:
image names whose snapshots alone are wanted, used: whether to read used bytes, threads). The keyring is a path,
never a key. Output: one JSON object a line on stdout as each answer is read, so the caller's deadline can be an
inactivity one, then {"done": true}. An error that stops the whole reading is one line on stderr, with exit 3 when
the bindings are missing and 1 otherwise; an image removed meanwhile is {"gone": true}, not an error.
"""

import calendar
import json
import os
import sys
import threading
from concurrent.futures import ThreadPoolExecutor

try:
    import rados
    import rbd
except ImportError as error:
    sys.stderr.write(f"python3-rbd and python3-rados are not importable by {sys.executable}: {error}\n")
    sys.exit(3)

# rbd info's names of the feature bits, in its order.
FEATURES = [
    (rbd.RBD_FEATURE_LAYERING, "layering"),
    (rbd.RBD_FEATURE_STRIPINGV2, "striping"),
    (rbd.RBD_FEATURE_EXCLUSIVE_LOCK, "exclusive-lock"),
    (rbd.RBD_FEATURE_OBJECT_MAP, "object-map"),
    (rbd.RBD_FEATURE_FAST_DIFF, "fast-diff"),
    (rbd.RBD_FEATURE_DEEP_FLATTEN, "deep-flatten"),
    (rbd.RBD_FEATURE_JOURNALING, "journaling"),
    (rbd.RBD_FEATURE_DATA_POOL, "data-pool"),
    (rbd.RBD_FEATURE_OPERATIONS, "operations"),
    (rbd.RBD_FEATURE_MIGRATING, "migrating"),
    (rbd.RBD_FEATURE_NON_PRIMARY, "non-primary"),
]

output_lock = threading.Lock()


def emit(answer):
    with output_lock:
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()


def fail(what, error):
    sys.stderr.write(f"{what}: {error}\n")
    sys.exit(1)


def user_snapshots(image):
    """The user's snapshots, oldest first (`rbd snap ls` shows only these: not the trash's nor mirroring's)."""
    snaps = [snap for snap in image.list_snaps() if snap.get("namespace", rbd.RBD_SNAP_NAMESPACE_TYPE_USER)
             == rbd.RBD_SNAP_NAMESPACE_TYPE_USER]
    snaps.sort(key=lambda snap: snap["id"])
    return [{"name": snap["name"], "size": snap["size"], "protected": image.is_protected_snap(snap["name"])}
            for snap in snaps]


def allocated(image, size, from_snapshot):
    """Bytes of whole objects written since `from_snapshot` (None: since creation), as `rbd du` counts them."""
    total = [0]

    def count(_offset, length, exists):
        if exists:
            total[0] += length
        return 0

    image.diff_iterate(0, size, from_snapshot, count, include_parent=False, whole_object=True)
    return total[0]


def used_bytes(ioctx, name, image, size, snapshots):
    """What the image and its snapshots hold, summed as `rbd du` sums its rows; None without a valid fast-diff map
    (reading every object instead would be slow)."""
    if image.flags() & rbd.RBD_FLAG_FAST_DIFF_INVALID:
        return None
    used = 0
    previous = None
    for snap in snapshots:
        with rbd.Image(ioctx, name, snapshot=snap["name"], read_only=True) as at_snap:
            used += allocated(at_snap, snap["size"], previous)
        previous = snap["name"]
    return used + allocated(image, size, previous)


def parent_of(image):
    try:
        spec = image.get_parent_image_spec()
    except rbd.ImageNotFound:
        return None
    return {"pool": spec["pool_name"], "namespace": spec["pool_namespace"], "image": spec["image_name"],
            "snapshot": spec["snap_name"]}


def read_image(ioctx, name, want_used):
    try:
        with rbd.Image(ioctx, name, read_only=True) as image:
            stat = image.stat()
            bits = image.features()
            features = [feature for bit, feature in FEATURES if bits & bit]
            created = image.create_timestamp()
            snapshots = user_snapshots(image)
            answer = {
                "image": name,
                "size": stat["size"],
                # python3-rbd gives the creation time as a naive datetime in UTC.
                "created_at": calendar.timegm(created.timetuple()) if created is not None else None,
                "features": features,
                "watchers": len(list(image.watchers_list())),
                "parent": parent_of(image),
                "snapshots": [{"name": snap["name"], "protected": snap["protected"]} for snap in snapshots],
                "used_size": None,
            }
            if want_used and "fast-diff" in features:
                answer["used_size"] = used_bytes(ioctx, name, image, stat["size"], snapshots)
            return answer
    except rbd.ImageNotFound:
        return {"image": name, "gone": True}


def read_snapshots(ioctx, name):
    try:
        with rbd.Image(ioctx, name, read_only=True) as image:
            snapshots = user_snapshots(image)
            return {"snapshots_of": name,
                    "snapshots": [{"name": snap["name"], "protected": snap["protected"]} for snap in snapshots]}
    except rbd.ImageNotFound:
        return {"snapshots_of": name, "gone": True}


def read_children(ioctx, parent):
    try:
        with rbd.Image(ioctx, parent["image"], snapshot=parent["snapshot"], read_only=True) as image:
            clones = [{"pool": child["pool"], "namespace": child["pool_namespace"], "image": child["image"],
                       "trash": child["trash"]} for child in image.list_children2()]
            return {"children_of": parent, "clones": clones}
    except rbd.ImageNotFound:
        return {"children_of": parent, "gone": True}


def main():
    request = json.loads(sys.stdin.read())
    pool = request["pool"]
    timeout = str(request["timeout"])
    # Each operation gives up after the deadline instead of waiting for a monitor or an OSD forever.
    conf = {"client_mount_timeout": timeout, "rados_mon_op_timeout": timeout, "rados_osd_op_timeout": timeout}
    if request.get("keyring"):
        conf["keyring"] = request["keyring"]
    # rbd's own default when no conf is given; the options above are set after the file is read, so they win.
    conffile = request.get("conf") or os.environ.get("CEPH_CONF") or "/etc/ceph/ceph.conf"
    cluster = rados.Rados(conffile=conffile, rados_id=request.get("id"), conf=conf)
    try:
        cluster.connect(timeout=request["timeout"])
    except rados.Error as error:
        fail("couldn't connect to the cluster", error)
    ioctxs = {}

    def ioctx_of(pool_name, namespace=""):
        key = (pool_name, namespace)
        if key not in ioctxs:
            try:
                ioctxs[key] = cluster.open_ioctx(pool_name)
            except rados.Error as error:
                fail(f"error opening pool '{pool_name}'", error)
            if namespace:
                ioctxs[key].set_namespace(namespace)
        return ioctxs[key]

    try:
        ioctx = ioctx_of(pool)
        parents = {}
        with ThreadPoolExecutor(max(1, int(request["threads"]))) as workers:
            # librbd releases the GIL while it waits on the cluster, so the opens overlap.
            images = [workers.submit(read_image, ioctx, name, bool(request["used"])) for name in request["open"]]
            snapshot_reads = [workers.submit(read_snapshots, ioctx, name) for name in request["snapshots"]]
            for future in images + snapshot_reads:
                answer = future.result()
                emit(answer)
                parent = answer.get("parent")
                if parent:
                    parents[(parent["pool"], parent["namespace"], parent["image"], parent["snapshot"])] = parent
            # The clones of every parent snapshot the opened images came from, so the caller can tell one only
            # debris holds.
            children = [workers.submit(read_children, ioctx_of(parent["pool"], parent["namespace"]), parent)
                        for parent in parents.values()]
            for future in children:
                emit(future.result())
    except (rados.Error, rbd.Error) as error:
        fail(f"reading pool '{pool}'", error)
    finally:
        for opened in ioctxs.values():
            opened.close()
        cluster.shutdown()
    emit({"done": True})


main()
