"""A real SMTP server for Heard's mail tests: aiosmtpd on loopback.

Every message it accepts is parsed with Python's own email package and
written to the output directory as JSON (envelope, headers, plain and HTML
bodies, whether the client authenticated, whether the session was TLS), so
the Rust tests check what a mail server really received. RCPT to an address
starting "refuse@" gets a permanent 550. With --tls-cert and --tls-key it
offers STARTTLS and refuses mail until the client has used it (or, with
--tls-wrapper as well, speaks TLS from the first byte, as on port 465). It
prints "ready" once listening and stops when stdin closes.
"""

import argparse
import asyncio
import email
import json
import logging
import os
import ssl
import sys
from email import policy

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword, TLSSetupException


class RefusedHandshakes(logging.Filter):
    """Some tests expect the client to refuse our certificate: one line for
    that instead of aiosmtpd's traceback, so real failures stand out."""

    def filter(self, record):
        error = record.exc_info[1] if record.exc_info else None
        if isinstance(error, TLSSetupException):
            cause = error.__cause__
            print(f"smtp_sink: TLS handshake failed: {cause}", file=sys.stderr)
            return False
        return True


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
        ssl_object = server.transport.get_extra_info("ssl_object")
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
            # After STARTTLS (and with --tls-wrapper from the start) the
            # transport is the TLS one; before it, there is no ssl_object.
            "tls": ssl_object is not None,
            "tls_version": ssl_object.version() if ssl_object is not None else None,
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
    parser.add_argument("--tls-cert", help="PEM certificate chain for TLS")
    parser.add_argument("--tls-key", help="PEM private key for --tls-cert")
    parser.add_argument(
        "--tls-wrapper",
        action="store_true",
        help="TLS from the first byte instead of STARTTLS",
    )
    args = parser.parse_args()
    if bool(args.tls_cert) != bool(args.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    if args.tls_wrapper and not args.tls_cert:
        parser.error("--tls-wrapper needs --tls-cert and --tls-key")

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
    if args.tls_cert:
        logging.getLogger("mail.log").addFilter(RefusedHandshakes())
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        if args.tls_wrapper:
            options["ssl_context"] = context
        else:
            # RFC 3207: nothing but EHLO, STARTTLS, NOOP and QUIT before TLS.
            options.update(tls_context=context, require_starttls=True)
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
