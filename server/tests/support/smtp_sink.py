"""A real SMTP server for Heard's mail tests: aiosmtpd on loopback.

Every message it accepts is parsed with Python's own email package and
written to the output directory as JSON (envelope, headers, plain and HTML
bodies, whether the client authenticated), so the Rust tests check what a
mail server really received. RCPT to an address starting "refuse@" gets a
permanent 550. It prints "ready" once listening and stops when stdin closes.
"""

import argparse
import asyncio
import email
import json
import os
import sys
from email import policy

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, out):
        self.out = out
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refuse@"):
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        plain = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "headers": {name: str(value) for name, value in message.items()},
            "content_type": message.get_content_type(),
            "text": plain.get_content() if plain is not None else None,
            "html": html.get_content() if html is not None else None,
            "authenticated": bool(session.authenticated),
        }
        self.count += 1
        path = os.path.join(self.out, f"{os.getpid()}-{self.count:05}.json")
        with open(path + ".partial", "w", encoding="utf-8") as f:
            json.dump(record, f)
        os.replace(path + ".partial", path)
        return "250 Message accepted"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--user")
    parser.add_argument("--password")
    args = parser.parse_args()

    def authenticator(server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login.decode() == args.user
            and auth_data.password.decode() == args.password
        )
        return AuthResult(success=ok)

    options = {}
    if args.user:
        # Loopback only: the test checks credentials are sent, not TLS.
        options = dict(
            authenticator=authenticator, auth_required=True, auth_require_tls=False
        )
    controller = Controller(
        Sink(args.out), hostname="127.0.0.1", port=args.port, **options
    )
    controller.start()
    print("ready", flush=True)
    try:
        sys.stdin.read()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
