#!/bin/bash
# Generates a test PKI for SPDM responders with the openssl command line.
#
# Usage: gen-test-pki.sh OUTDIR [ALG...]
#
# ALG is one of ecp256 ecp384 ecp521 rsa2048 rsa3072 rsa4096 ed25519
# ed448. Without ALG every one except rsa4096 is made, because RSA-4096
# keys take seconds each to generate. Each ALG gets the
# folder OUTDIR/ALG, replaced as a whole, so running the script again
# gives the same file names. Keys and signatures are new on every run.
# Certificate validity and serial numbers are fixed.
#
# Files in OUTDIR/ALG follow. A .der file is a DER certificate and a .key
# file a PEM PKCS#8 private key. A bundle_*.certchain.der file contains
# DER certificates concatenated root first, without the SPDM slot object
# header.
#
#   ca.key, ca.cert.der             root CA, the trust anchor
#   inter.key, inter.cert.der       intermediate CA under the root
#   end_responder.key               the device key, used by every leaf below
#   end_responder.cert.der          device leaf: keyUsage digitalSignature
#                                   and nonRepudiation, extendedKeyUsage
#                                   serverAuth and id-DMTF-eku-responder-auth
#                                   (1.3.6.1.4.1.412.274.3), the SPDM
#                                   extension (1.3.6.1.4.1.412.274.6) with
#                                   id-DMTF-hardware-identity, and a
#                                   subjectAltName otherName
#                                   1.3.6.1.4.1.412.274.1 (UTF8String
#                                   "spdmd:test-device:0001")
#   bundle_responder.certchain.der  ca, inter, end_responder
#
# Leaf variants under the same intermediate, each with its bundle
# bundle_responder_<variant>.certchain.der (ca, inter, leaf):
#
#   end_responder_with_spdm_req_eku.cert.der
#                       variant req_eku: extendedKeyUsage is
#                       id-DMTF-eku-requester-auth (.274.4) only
#   end_responder_expired.cert.der
#                       variant expired: valid 2020-01-01 to 2021-01-01
#   end_responder_not_yet_valid.cert.der
#                       variant not_yet_valid: valid from 2090-01-01
#   end_responder_alias.cert.der
#                       variant alias: an AliasCert-model leaf whose
#                       SPDM extension carries id-DMTF-mutable-certificate
#                       (.274.5) instead of the hardware identity
#   end_responder_no_digital_signature.cert.der
#                       variant no_digital_signature: keyUsage
#                       nonRepudiation only
#   end_responder_ca.cert.der
#                       variant leaf_ca: basicConstraints cA TRUE
#
# A second root that the tests do not trust, with its own chain:
#
#   ca_untrusted.key, ca_untrusted.cert.der, inter_untrusted.cert.der
#                       (the untrusted intermediate reuses inter.key),
#   end_responder_untrusted.cert.der,
#   bundle_responder_untrusted.certchain.der
#
# A five-certificate chain above 4 KiB. The two extra intermediates carry
# a 1000-character nsComment and have P-256 keys for every ALG:
#
#   long_inter1.key, long_inter1.cert.der, long_inter2.key,
#   long_inter2.cert.der, end_responder_long.cert.der,
#   bundle_responder_long.certchain.der
#                       ca, inter, long_inter1, long_inter2, leaf
#   inter_pathlen0.cert.der
#                       inter's subject and key with pathLenConstraint 0
#   bundle_responder_long_pathlen.certchain.der
#                       the long chain under inter_pathlen0, which breaks
#                       its path length constraint
set -euo pipefail

readonly default_algs=(ecp256 ecp384 ecp521 rsa2048 rsa3072 ed25519 ed448)
readonly valid_from=20240101000000Z
readonly valid_to=20991231235959Z

usage() {
	echo "usage: $0 OUTDIR [ALG...]" >&2
	echo "ALG: ecp256 ecp384 ecp521 rsa2048 rsa3072 rsa4096 ed25519" \
		"ed448" >&2
	exit 2
}

# Prints the genpkey options of an ALG, or fails for an unknown one.
key_options() {
	case "$1" in
	ecp256) echo "-algorithm EC -pkeyopt ec_paramgen_curve:P-256" ;;
	ecp384) echo "-algorithm EC -pkeyopt ec_paramgen_curve:P-384" ;;
	ecp521) echo "-algorithm EC -pkeyopt ec_paramgen_curve:P-521" ;;
	rsa2048) echo "-algorithm RSA -pkeyopt rsa_keygen_bits:2048" ;;
	rsa3072) echo "-algorithm RSA -pkeyopt rsa_keygen_bits:3072" ;;
	rsa4096) echo "-algorithm RSA -pkeyopt rsa_keygen_bits:4096" ;;
	ed25519) echo "-algorithm ED25519" ;;
	ed448) echo "-algorithm ED448" ;;
	*) return 1 ;;
	esac
}

# Prints the digest that certificates of an ALG are signed with.
digest_of() {
	case "$1" in
	ecp256 | rsa2048) echo sha256 ;;
	ecp384 | rsa3072) echo sha384 ;;
	ecp521 | rsa4096) echo sha512 ;;
	# EdDSA signs without a separate digest.
	*) echo default ;;
	esac
}

write_config() {
	local padding
	padding=$(printf 'spdmd test padding %.0s' $(seq 1 50))
	cat <<EOF
[ ca ]
default_ca = test_ca

[ test_ca ]
dir = \$ENV::PKI_WORK
database = \$dir/index.txt
new_certs_dir = \$dir/issued
serial = \$dir/serial
default_md = \$ENV::PKI_DIGEST
policy = policy_any
unique_subject = no
email_in_dn = no
copy_extensions = none

[ policy_any ]
organizationName = optional
commonName = supplied

[ req ]
distinguished_name = req_distinguished_name

[ req_distinguished_name ]

[ v3_root ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ v3_inter ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ v3_inter_pathlen0 ]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ v3_long_inter ]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign, digitalSignature
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
nsComment = "$padding"

[ v3_end ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = serverAuth, 1.3.6.1.4.1.412.274.3
subjectAltName = otherName:1.3.6.1.4.1.412.274.1;UTF8:spdmd:test-device:0001
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
1.3.6.1.4.1.412.274.6 = ASN1:SEQUENCE:spdm_hardware_identity

[ v3_end_req_eku ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = 1.3.6.1.4.1.412.274.4
subjectAltName = otherName:1.3.6.1.4.1.412.274.1;UTF8:spdmd:test-device:0001
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
1.3.6.1.4.1.412.274.6 = ASN1:SEQUENCE:spdm_hardware_identity

[ v3_end_alias ]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = serverAuth, 1.3.6.1.4.1.412.274.3
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
1.3.6.1.4.1.412.274.6 = ASN1:SEQUENCE:spdm_mutable_certificate

[ v3_end_no_digital_signature ]
basicConstraints = critical, CA:false
keyUsage = critical, nonRepudiation
extendedKeyUsage = serverAuth, 1.3.6.1.4.1.412.274.3
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

[ v3_end_ca ]
basicConstraints = critical, CA:true
keyUsage = critical, digitalSignature, keyCertSign
extendedKeyUsage = serverAuth, 1.3.6.1.4.1.412.274.3
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always

# SEQUENCE OF SEQUENCE { OID }, as in the DMTF sample certificates.
[ spdm_hardware_identity ]
entry = SEQUENCE:spdm_hardware_identity_oid

[ spdm_hardware_identity_oid ]
oid = OID:1.3.6.1.4.1.412.274.2

[ spdm_mutable_certificate ]
entry = SEQUENCE:spdm_mutable_certificate_oid

[ spdm_mutable_certificate_oid ]
oid = OID:1.3.6.1.4.1.412.274.5
EOF
}

# Writes KEY's certificate request. The subject is set when issuing.
request() {
	local key=$1
	openssl req -new -config "$PKI_WORK/openssl.cnf" -key "$key.key" \
		-subj "/CN=request" -out "$PKI_WORK/$key.csr"
}

# issue NAME SUBJECT KEY ISSUER ISSUER_KEY EXTENSIONS [FROM TO]
# Writes NAME.cert.der, signed with ISSUER_KEY.key under ISSUER.cert.pem.
# ISSUER "self" makes a self-signed root. Each openssl run costs tens of
# milliseconds, so requests are made once per key and the certificate is
# converted to DER without openssl.
issue() {
	local name=$1 subject=$2 key=$3 issuer=$4 issuer_key=$5
	local extensions=$6 from=${7:-$valid_from} to=${8:-$valid_to}
	local signer=(-cert "$issuer.cert.pem" -keyfile "$issuer_key.key")

	if [ "$issuer" = self ]; then
		signer=(-selfsign -keyfile "$key.key")
	fi
	openssl ca -batch -notext -config "$PKI_WORK/openssl.cnf" \
		"${signer[@]}" -in "$PKI_WORK/$key.csr" -subj "$subject" \
		-preserveDN -startdate "$from" -enddate "$to" \
		-extensions "$extensions" -out "$name.cert.pem" \
		2>"$PKI_WORK/$name.log"
	sed '/^-----/d' "$name.cert.pem" | base64 -d >"$name.cert.der"
}

bundle() {
	local output=$1
	shift
	cat "$@" >"$output"
}

generate_key() {
	local name=$1 alg=$2
	local -a options
	read -r -a options <<<"$(key_options "$alg")"

	openssl genpkey "${options[@]}" -out "$name.key" 2>/dev/null
	request "$name"
}

# RSA key generation dominates the run time, so keys and their requests
# are made in parallel, and the two extra intermediates of the long chain
# have P-256 keys whatever the ALG.
generate_keys() {
	local alg=$1 pids=() name

	for name in ca inter end_responder ca_untrusted; do
		generate_key "$name" "$alg" &
		pids+=($!)
	done
	for name in long_inter1 long_inter2; do
		generate_key "$name" ecp256 &
		pids+=($!)
	done
	for pid in "${pids[@]}"; do
		wait "$pid"
	done
}

generate_main_chain() {
	local label=$1 org="/O=spdmd test"

	issue ca "$org/CN=spdmd test $label root CA" ca self ca v3_root
	issue inter "$org/CN=spdmd test $label intermediate CA" inter \
		ca ca v3_inter
	issue end_responder "$org/CN=spdmd test $label device" \
		end_responder inter inter v3_end
	bundle bundle_responder.certchain.der ca.cert.der inter.cert.der \
		end_responder.cert.der
}

generate_leaf_variants() {
	local label=$1 org="/O=spdmd test"
	local device="$org/CN=spdmd test $label device"

	issue end_responder_with_spdm_req_eku "$device" end_responder \
		inter inter v3_end_req_eku
	issue end_responder_expired "$device" end_responder inter \
		inter v3_end 20200101000000Z 20210101000000Z
	issue end_responder_not_yet_valid "$device" end_responder inter \
		inter v3_end 20900101000000Z "$valid_to"
	issue end_responder_alias "$org/CN=spdmd test $label alias" \
		end_responder inter inter v3_end_alias
	issue end_responder_no_digital_signature "$device" \
		end_responder inter inter v3_end_no_digital_signature
	issue end_responder_ca "$device" end_responder inter inter \
		v3_end_ca

	local variant leaf
	for variant in req_eku expired not_yet_valid alias \
		no_digital_signature leaf_ca; do
		case "$variant" in
		req_eku) leaf=end_responder_with_spdm_req_eku ;;
		leaf_ca) leaf=end_responder_ca ;;
		*) leaf=end_responder_$variant ;;
		esac
		bundle "bundle_responder_$variant.certchain.der" ca.cert.der \
			inter.cert.der "$leaf.cert.der"
	done
}

generate_untrusted_chain() {
	local label=$1 org="/O=spdmd test"

	issue ca_untrusted "$org/CN=spdmd test $label untrusted root CA" \
		ca_untrusted self ca_untrusted v3_root
	issue inter_untrusted \
		"$org/CN=spdmd test $label untrusted intermediate CA" \
		inter ca_untrusted ca_untrusted v3_inter
	issue end_responder_untrusted "$org/CN=spdmd test $label device" \
		end_responder inter_untrusted inter v3_end
	bundle bundle_responder_untrusted.certchain.der ca_untrusted.cert.der \
		inter_untrusted.cert.der end_responder_untrusted.cert.der
}

generate_long_chain() {
	local label=$1 org="/O=spdmd test"

	issue long_inter1 "$org/CN=spdmd test $label long intermediate 1" \
		long_inter1 inter inter v3_long_inter
	issue long_inter2 "$org/CN=spdmd test $label long intermediate 2" \
		long_inter2 long_inter1 long_inter1 v3_long_inter
	issue end_responder_long "$org/CN=spdmd test $label device" \
		end_responder long_inter2 long_inter2 v3_end
	bundle bundle_responder_long.certchain.der ca.cert.der inter.cert.der \
		long_inter1.cert.der long_inter2.cert.der \
		end_responder_long.cert.der

	issue inter_pathlen0 "$org/CN=spdmd test $label intermediate CA" \
		inter ca ca v3_inter_pathlen0
	bundle bundle_responder_long_pathlen.certchain.der ca.cert.der \
		inter_pathlen0.cert.der long_inter1.cert.der \
		long_inter2.cert.der end_responder_long.cert.der
}

# Builds OUTDIR/.ALG.tmp and then moves it over OUTDIR/ALG.
generate_alg() {
	local outdir=$1 alg=$2
	local label=${alg^^}
	local folder="$outdir/$alg" staging="$outdir/.$alg.tmp"

	rm -rf "$staging"
	mkdir -p "$staging/work/issued"
	cd "$staging"
	export PKI_WORK="$staging/work"
	PKI_DIGEST=$(digest_of "$alg")
	export PKI_DIGEST
	write_config >"$PKI_WORK/openssl.cnf"
	: >"$PKI_WORK/index.txt"
	echo 1000 >"$PKI_WORK/serial"

	generate_keys "$alg"
	generate_main_chain "$label"
	generate_leaf_variants "$label"
	generate_untrusted_chain "$label"
	generate_long_chain "$label"

	rm -rf "$PKI_WORK" ./*.cert.pem
	cd "$outdir"
	rm -rf "$folder"
	mv "$staging" "$folder"
}

main() {
	[ $# -ge 1 ] || usage
	local outdir=$1
	shift
	local algs=("$@")
	[ ${#algs[@]} -gt 0 ] || algs=("${default_algs[@]}")

	local alg
	for alg in "${algs[@]}"; do
		key_options "$alg" >/dev/null || usage
	done
	mkdir -p "$outdir"
	outdir=$(cd "$outdir" && pwd)

	# One background job per ALG, which writes only its own folder.
	local pids=() failed=0
	for alg in "${algs[@]}"; do
		(generate_alg "$outdir" "$alg") &
		pids+=($!)
	done
	for pid in "${pids[@]}"; do
		wait "$pid" || failed=1
	done
	if [ "$failed" -ne 0 ]; then
		echo "$0: generating the test PKI in $outdir failed;" \
			"openssl messages are in $outdir/.*.tmp/work/*.log" >&2
		exit 1
	fi
}

main "$@"
