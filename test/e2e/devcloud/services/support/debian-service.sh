# Helpers of the optional service scripts that run an OpenStack service from its python3-* package alone (sourced,
# not run); it brings the devcloud's own helpers (lib/common.sh, configs.sh, process.sh) with it.
_devcloud_lib=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../lib" && pwd)
source "$_devcloud_lib/common.sh"
source "$_devcloud_lib/configs.sh"
source "$_devcloud_lib/process.sh"

# The paste/policy files and sample configs ship only in the <service>-common packages, never installed (their
# maintainer scripts ask debconf questions and start daemons): download the .deb once and extract it under
# $STATE/debs/<package>.
extract_debian_package() {
  local pkg=$1
  [ -d "$STATE/debs/$pkg" ] && return 0
  mkdir -p "$STATE/debs"
  (cd "$STATE/debs" && apt-get download -q "$pkg" > "$STATE/log/apt-download-$pkg.log" 2>&1) ||
    { tail -n 20 "$STATE/log/apt-download-$pkg.log" >&2; die "apt-get download $pkg failed"; }
  rm -rf "$STATE/debs/$pkg.tmp"
  mkdir -p "$STATE/debs/$pkg.tmp"
  dpkg-deb -x "$STATE/debs/${pkg}"_*.deb "$STATE/debs/$pkg.tmp"
  mv "$STATE/debs/$pkg.tmp" "$STATE/debs/$pkg"
  rm -f "$STATE/debs/${pkg}"_*.deb
}

# write_launcher NAME MODULE: the console script NAME (shipped by the daemon package, not installed) as a small
# launcher of MODULE's main(), run by Debian's python3.
write_launcher() {
  mkdir -p "$STATE/bin"
  printf '#!%s\nimport sys\nsys.argv[0] = "%s"\nfrom %s import main\nsys.exit(main())\n' "$PY" "$1" "$2" \
    > "$STATE/bin/$1"
  chmod +x "$STATE/bin/$1"
}

OPENSTACK_ADMIN=(env OS_CLIENT_CONFIG_FILE="$STATE/clouds.yaml" OS_CLOUD=devcloud openstack)

# register_service NAME TYPE URL: the service user NAME (admin and service roles in project service), the catalog
# service TYPE and its public, internal and admin endpoints at URL, each created only when missing.
register_service() {
  local name=$1 type=$2 url=$3 interface
  "${OPENSTACK_ADMIN[@]}" user show "$name" --domain Default > /dev/null 2>&1 ||
    "${OPENSTACK_ADMIN[@]}" user create "$name" --domain Default --password "$PASS" > /dev/null
  "${OPENSTACK_ADMIN[@]}" role add --user "$name" --user-domain Default --project service --project-domain Default admin
  "${OPENSTACK_ADMIN[@]}" role add --user "$name" --user-domain Default --project service --project-domain Default service
  "${OPENSTACK_ADMIN[@]}" service show "$type" > /dev/null 2>&1 ||
    "${OPENSTACK_ADMIN[@]}" service create --name "$name" "$type" > /dev/null
  for interface in public internal admin; do
    [ -n "$("${OPENSTACK_ADMIN[@]}" endpoint list --service "$type" --interface "$interface" -f value -c ID)" ] ||
      "${OPENSTACK_ADMIN[@]}" endpoint create --region RegionOne "$type" "$interface" "$url" > /dev/null
  done
}
