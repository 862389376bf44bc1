"""A TCP proxy to 127.0.0.1:TARGET, for tests that take a server away: listens on 127.0.0.1:PORT (0 for a free
one), prints its port, and forwards each connection until killed; killing it drops every connection at once.

    python tcp_proxy.py TARGET [PORT]"""
import socket
import sys
import threading

target = int(sys.argv[1])
listener = socket.socket()
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.bind(("127.0.0.1", int(sys.argv[2]) if len(sys.argv) > 2 else 0))
listener.listen(128)
print(listener.getsockname()[1], flush=True)


def pump(source, sink):
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for end in (source, sink):
            try:
                end.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


while True:
    client, _ = listener.accept()
    try:
        upstream = socket.create_connection(("127.0.0.1", target))
    except OSError:
        client.close()
        continue
    threading.Thread(target=pump, args=(client, upstream), daemon=True).start()
    threading.Thread(target=pump, args=(upstream, client), daemon=True).start()
