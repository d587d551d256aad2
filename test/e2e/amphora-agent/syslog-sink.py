#!/usr/bin/python3
"""A unix datagram socket where the amphora agent's gunicorn sends its syslog records (a path relative to its
working directory, fixed in octavia/amphorae/backends/agent/api_server); each record becomes a line of a file."""
import os
import socket
import sys

path, out = sys.argv[1], sys.argv[2]
if os.path.exists(path):
    os.unlink(path)
sink = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sink.bind(path)
with open(out, "ab", buffering=0) as log:
    while True:
        log.write(sink.recv(65536).rstrip(b"\0\n") + b"\n")
