#!/bin/sh
# TLS as dedi meets it: certificates made for this test by openssl (a local
# CA in the test's temporary directory; no key is ever committed), served by
# tests/integration/tls_server.py in front of the sandbox. A valid chain
# works when its CA is given (CURL_CA_BUNDLE or SSL_CERT_FILE); self-signed,
# expired, wrong-host and untrusted certificates are each refused with a
# message that says which; plain http to a remote host is refused; no
# switch turns verification off; https goes through the proxy of the
# standard variables.
. "$(dirname "$0")/lib.sh"
: "${DD_SRCDIR:=$(cd "$(dirname "$0")/../.." && pwd)}"

for tool in openssl python3; do
	if ! command -v $tool >/dev/null 2>&1; then
		echo "1..0 # SKIP $tool is not installed (apt-get install $tool)"
		exit 0
	fi
done

T=$TMP/tls
mkdir "$T"
key() { openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1" 2>/dev/null; }
ca() { # ca NAME: a CA certificate and key
	key "$T/$1.key"
	openssl req -x509 -new -key "$T/$1.key" -out "$T/$1.pem" -days 2 -subj "/CN=dedi test $1" \
		-addext basicConstraints=critical,CA:true -addext keyUsage=critical,keyCertSign 2>/dev/null
}
leaf() { # leaf NAME CA SAN DAYS: a server certificate signed by CA
	key "$T/$1.key"
	openssl req -new -key "$T/$1.key" -out "$T/$1.csr" -subj "/CN=$1" 2>/dev/null
	printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\n' "$3" >"$T/$1.ext"
	openssl x509 -req -in "$T/$1.csr" -CA "$T/$2.pem" -CAkey "$T/$2.key" -CAcreateserial \
		-out "$T/$1.pem" -days "$4" -extfile "$T/$1.ext" 2>/dev/null
}
ca ca
ca other
leaf good ca "DNS:localhost,DNS:api.dedi.test,IP:127.0.0.1" 2
leaf expired ca "DNS:localhost,IP:127.0.0.1" -1
leaf wronghost ca "DNS:api.example.invalid" 2
leaf untrusted other "DNS:localhost,IP:127.0.0.1" 2
key "$T/self.key"
openssl req -x509 -new -key "$T/self.key" -out "$T/self.pem" -days 2 -subj /CN=localhost \
	-addext subjectAltName=DNS:localhost,IP:127.0.0.1 2>/dev/null

start_sandbox --servers 3 --seed 5 || exit 1
: >"$T/ports"
python3 "$DD_SRCDIR/tests/integration/tls_server.py" "$URL" \
	"$T/good.pem:$T/good.key" "$T/expired.pem:$T/expired.key" \
	"$T/wronghost.pem:$T/wronghost.key" "$T/untrusted.pem:$T/untrusted.key" \
	"$T/self.pem:$T/self.key" --proxy "$T/proxy.log" >>"$T/ports" 2>"$T/server.err" &
TLS_PID=$!
i=0
while [ "$(wc -l <"$T/ports")" -lt 6 ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i + 1)); done
p_good=$(sed -n 1p "$T/ports"); p_expired=$(sed -n 2p "$T/ports")
p_wrong=$(sed -n 3p "$T/ports"); p_untrusted=$(sed -n 4p "$T/ports")
p_self=$(sed -n 5p "$T/ports"); p_proxy=$(sed -n 6p "$T/ports")
trap 'kill $TLS_PID 2>/dev/null; cleanup' EXIT
unset CURL_CA_BUNDLE SSL_CERT_FILE http_proxy https_proxy HTTPS_PROXY ALL_PROXY all_proxy no_proxy NO_PROXY
use_scw
# The sandbox's hostnames, read over plain http to loopback.
dedi servers list --json
grep -o '"hostname": "[^"]*"' "$TMP/out" | sort >"$T/plain"

https_list() { # https_list PORT [HOST]: servers list through the TLS front
	SCW_API_URL="https://${2:-localhost}:$1" dedi servers list --json
	grep -o '"hostname": "[^"]*"' "$TMP/out" | sort >"$T/tls"
}
same_fleet() { [ "$rc" -eq 0 ] && [ -s "$T/plain" ] && cmp -s "$T/plain" "$T/tls"; }
refused() { # refused WHY: exit status 0 < rc < 128, the host and WHY in one clean line
	[ "$rc" -ne 0 ] && [ "$rc" -lt 128 ] && grep -q "TLS certificate of .* could not be verified ($1)" "$TMP/err" &&
		! grep -q '"hostname"' "$TMP/out"
}

CURL_CA_BUNDLE=$T/ca.pem https_list "$p_good"
check "valid chain, CA given by CURL_CA_BUNDLE: the same fleet as over loopback http" same_fleet
SSL_CERT_FILE=$T/ca.pem https_list "$p_good"
check "valid chain, CA given by SSL_CERT_FILE: the same fleet" same_fleet
https_list "$p_good"
check "valid chain of a CA this machine does not trust, none given: refused" \
	refused "it was issued by an authority this machine does not trust"
CURL_CA_BUNDLE=$T/ca.pem https_list "$p_self"
check "self-signed certificate: refused, says self-signed" refused "it is self-signed"
CURL_CA_BUNDLE=$T/ca.pem https_list "$p_expired"
check "expired certificate: refused, says expired" refused "it has expired"
CURL_CA_BUNDLE=$T/ca.pem https_list "$p_wrong"
check "certificate for another host name: refused, says so" \
	refused "it was not issued for this host name"
CURL_CA_BUNDLE=$T/ca.pem https_list "$p_untrusted"
check "certificate of another CA than the one given: refused" \
	refused "it was issued by an authority this machine does not trust"
CURL_CA_BUNDLE=$T/missing.pem https_list "$p_good"
check "a CA file that does not exist: refused, names the variables" \
	sh -c "[ $rc -ne 0 ] && grep -q 'cannot read the CA certificates for localhost:$p_good (CURL_CA_BUNDLE or SSL_CERT_FILE' '$TMP/err'"

SCW_API_URL=http://192.0.2.10:8080 dedi servers list
check "plain http to a remote host: refused before sending the key" \
	sh -c "[ $rc -ne 0 ] && grep -q 'refusing to send credentials over plain http to a remote host' '$TMP/err'"

# No switch turns verification off: not an option, not in the help, not in
# the code.
dedi --insecure servers list
ins_rc=$rc; cp "$TMP/err" "$T/ins.err"
dedi help
check "no insecure switch: --insecure is refused, the help and the code have none" \
	sh -c "[ $ins_rc -ne 0 ] && [ -s '$T/ins.err' ] && [ $rc -eq 0 ] && grep -q 'servers' '$TMP/out' &&
		! grep -qi 'insecure\|no-verify\|skip-verify' '$TMP/out' &&
		! grep -rn 'VERIFYPEER, 0\|VERIFYHOST, 0\|SCW_INSECURE\|INSECURE' '$DD_SRCDIR/core' '$DD_SRCDIR/cli' '$DD_SRCDIR/dedi.c'"

# https through the proxy of the standard variables: the name api.dedi.test
# exists only for the proxy, which sends it to the TLS front.
rm -f "$T/proxy.log"
CURL_CA_BUNDLE=$T/ca.pem https_proxy=http://127.0.0.1:$p_proxy https_list "$p_good" api.dedi.test
via_proxy() { same_fleet && grep -q "^CONNECT api.dedi.test:$p_good HTTP/1.1" "$T/proxy.log"; }
check "https_proxy: the fleet arrives through the proxy's CONNECT" via_proxy
# The loopback sandbox over plain http never goes to a proxy (the key
# would travel in clear): http_proxy names the same proxy, which sees nothing.
rm -f "$T/proxy.log"
http_proxy=http://127.0.0.1:$p_proxy HTTP_PROXY=http://127.0.0.1:$p_proxy dedi servers list --json
grep -o '"hostname": "[^"]*"' "$TMP/out" | sort >"$T/tls"
no_proxy_used() { same_fleet && [ ! -s "$T/proxy.log" ]; }
check "http_proxy: plain http to the loopback sandbox bypasses the proxy" no_proxy_used
cat "$T/server.err" >&2; kill $TLS_PID 2>/dev/null
wait $TLS_PID 2>/dev/null
finish
