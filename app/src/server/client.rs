//! Which client a request came from.
//!
//! Behind a reverse proxy (every deployment with https has one) each
//! connection comes from the proxy, so limits keyed by the peer would put
//! every family and officer in one bucket. `Forwarded` and
//! `X-Forwarded-For` are believed only when the peer is a proxy the
//! operator named, and then only from the right: each trusted proxy
//! appends the address it saw, so the rightmost hop that is not a trusted
//! proxy is the client. Anything further left was written by the client
//! and proves nothing.

use http::{HeaderMap, HeaderName};
use ipnet::IpNet;
use std::net::{IpAddr, Ipv4Addr};

/// The client's address as resolved here: what rate limits key on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddr(pub IpAddr);

/// The proxies whose forwarding header is believed, and which header they
/// write. Only that one is read: most proxies pass the other through as the
/// client sent it, so believing it would let a client choose its address.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies {
    networks: Vec<IpNet>,
    header: ForwardedHeader,
}

/// The header the trusted proxies write.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ForwardedHeader {
    /// `X-Forwarded-For` (nginx, HAProxy, most load balancers).
    #[default]
    XForwardedFor,
    /// RFC 7239 `Forwarded`.
    Forwarded,
}

const X_FORWARDED_FOR: HeaderName = HeaderName::from_static("x-forwarded-for");

impl TrustedProxies {
    pub fn new(networks: Vec<IpNet>, header: ForwardedHeader) -> TrustedProxies {
        TrustedProxies { networks, header }
    }

    fn trusts(&self, ip: IpAddr) -> bool {
        self.networks.iter().any(|n| n.contains(&ip))
    }

    /// The client behind `peer`: `peer` itself unless it is a trusted
    /// proxy, else the rightmost forwarded hop that is not one. A hop that
    /// cannot be read (obfuscated, `unknown`, garbled) stops the walk at
    /// the last trusted proxy, which is then all that is known.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let mut client = peer.to_canonical();
        if !self.trusts(client) {
            return client;
        }
        for hop in forwarded_hops(headers, self.header).into_iter().rev() {
            let Some(ip) = hop else { return client };
            client = ip.to_canonical();
            if !self.trusts(client) {
                return client;
            }
        }
        client
    }
}

/// Every forwarded hop in `header`, leftmost first (for `Forwarded`, the
/// `for=` of each element).
fn forwarded_hops(headers: &HeaderMap, header: ForwardedHeader) -> Vec<Option<IpAddr>> {
    let values = |name| {
        headers
            .get_all(name)
            .iter()
            .flat_map(|v| match v.to_str() {
                Ok(s) => s.split(',').map(|e| Some(e.to_owned())).collect(),
                Err(_) => vec![None],
            })
            .collect::<Vec<_>>()
    };
    if header == ForwardedHeader::Forwarded {
        return values(http::header::FORWARDED)
            .into_iter()
            .map(|element| {
                element?.split(';').find_map(|pair| {
                    let (key, value) = pair.split_once('=')?;
                    key.trim()
                        .eq_ignore_ascii_case("for")
                        .then(|| node(value))
                        .flatten()
                })
            })
            .collect();
    }
    values(X_FORWARDED_FOR)
        .into_iter()
        .map(|hop| node(&hop?))
        .collect()
}

/// One hop's address: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`, or
/// `"[2001:db8::1]:4711"` (quoted, as `Forwarded` writes it).
fn node(text: &str) -> Option<IpAddr> {
    let text = text.trim().trim_matches('"');
    if let Some(rest) = text.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    if let Ok(ip) = text.parse::<IpAddr>() {
        return Some(ip);
    }
    let (host, port) = text.rsplit_once(':')?;
    port.bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| host.parse::<Ipv4Addr>().ok().map(IpAddr::V4))
        .flatten()
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn proxies(list: &[&str]) -> TrustedProxies {
        with_header(list, ForwardedHeader::XForwardedFor)
    }

    fn with_header(list: &[&str], header: ForwardedHeader) -> TrustedProxies {
        TrustedProxies::new(list.iter().map(|n| n.parse().unwrap()).collect(), header)
    }

    fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.append(
                HeaderName::from_bytes(k.as_bytes()).unwrap(),
                v.parse().unwrap(),
            );
        }
        h
    }

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let p = proxies(&["10.0.0.0/8"]);
        let h = headers(&[("x-forwarded-for", "198.51.100.9")]);
        assert_eq!(p.client(ip("203.0.113.5"), &h), ip("203.0.113.5"));
        assert_eq!(
            TrustedProxies::default().client(ip("10.0.0.1"), &h),
            ip("10.0.0.1")
        );
    }

    #[test]
    fn behind_trusted_proxies_the_rightmost_untrusted_hop_is_the_client() {
        let p = proxies(&["10.0.0.0/8", "192.0.2.10/32"]);
        // The client forged the first hop; the proxies appended the rest.
        let h = headers(&[
            ("x-forwarded-for", "1.2.3.4, 198.51.100.9"),
            ("x-forwarded-for", "192.0.2.10"),
        ]);
        assert_eq!(p.client(ip("10.1.1.1"), &h), ip("198.51.100.9"));
        // Only trusted hops: the leftmost is as far as anyone can see.
        let h = headers(&[("x-forwarded-for", "10.9.9.9")]);
        assert_eq!(p.client(ip("10.1.1.1"), &h), ip("10.9.9.9"));
        // No header at all: the proxy itself.
        assert_eq!(p.client(ip("10.1.1.1"), &HeaderMap::new()), ip("10.1.1.1"));
    }

    #[test]
    fn forwarded_is_read_with_ports_quotes_and_obfuscation() {
        let p = with_header(&["10.0.0.0/8"], ForwardedHeader::Forwarded);
        let h = headers(&[(
            "forwarded",
            r#"for=1.2.3.4, for="[2001:db8:cafe::17]:4711";proto=https, for=10.0.0.3:80"#,
        )]);
        assert_eq!(p.client(ip("10.0.0.2"), &h), ip("2001:db8:cafe::17"));
        // An obfuscated hop stops at the last proxy that can be trusted.
        let h = headers(&[("forwarded", "for=198.51.100.9, for=_hidden, for=10.0.0.3")]);
        assert_eq!(p.client(ip("10.0.0.2"), &h), ip("10.0.0.3"));
        // Only the header the proxies write is read: a client's own
        // `Forwarded` passed through by an X-Forwarded-For proxy is ignored.
        let h = headers(&[
            ("forwarded", "for=198.51.100.1"),
            ("x-forwarded-for", "198.51.100.2"),
        ]);
        assert_eq!(p.client(ip("10.0.0.2"), &h), ip("198.51.100.1"));
        let xff = proxies(&["10.0.0.0/8"]);
        assert_eq!(xff.client(ip("10.0.0.2"), &h), ip("198.51.100.2"));
    }

    #[test]
    fn ipv4_mapped_addresses_are_canonical_before_matching() {
        let p = proxies(&["127.0.0.1/32"]);
        let h = headers(&[("x-forwarded-for", "::ffff:198.51.100.9")]);
        assert_eq!(p.client(ip("::ffff:127.0.0.1"), &h), ip("198.51.100.9"));
        assert_eq!(
            TrustedProxies::default().client(ip("::ffff:203.0.113.5"), &HeaderMap::new()),
            ip("203.0.113.5")
        );
    }
}
