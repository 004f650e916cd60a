"""A real SMTP server (aiosmtpd) and a stub SMS gateway for the notification tests, started by scripts/test.

Usage: notification_sinks.py FOLDER SMTP_PORT SMS_PORT
Each e-mail the SMTP server accepts is saved whole as FOLDER/mail/NNNN.eml; each SMS POSTed to the gateway
(any path) is appended as one JSON line to FOLDER/sms.jsonl and answered 202. Runs until it is killed."""
import json
import pathlib
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from aiosmtpd.controller import Controller

folder = pathlib.Path(sys.argv[1])
(folder / "mail").mkdir(parents=True, exist_ok=True)
lock = threading.Lock()


class SaveMail:
    async def handle_DATA(self, server, session, envelope):
        with lock:
            number = len(list((folder / "mail").glob("*.eml"))) + 1
            (folder / "mail" / f"{number:04d}.eml").write_bytes(envelope.original_content)
        return "250 Message accepted"


class Gateway(BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        with lock, open(folder / "sms.jsonl", "a", encoding="utf-8") as log:
            log.write(json.dumps({"path": self.path, "authorization": self.headers.get("Authorization"),
                                  "message": json.loads(body)}, ensure_ascii=False) + "\n")
        self.send_response(202)
        self.end_headers()

    def log_message(self, *arguments):
        pass


smtp = Controller(SaveMail(), hostname="127.0.0.1", port=int(sys.argv[2]))
smtp.start()
gateway = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[3])), Gateway)
threading.Thread(target=gateway.serve_forever, daemon=True).start()
while True:
    time.sleep(3600)
