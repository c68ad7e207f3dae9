# data/eu-vat-rates.tsv -> C initialisers of core/vat.c's rate table.
# A malformed row stops the build: a wrong rate must not compile.
BEGIN { FS = "\t"; n = 0 }
/^#/ || /^[ \t]*$/ { next }
{
	if (NF != 3 || $1 !~ /^[A-Z][A-Z]$/ || $2 !~ /^[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]$/ ||
	    $3 !~ /^[0-9]+(\.[0-9][0-9]?)?$/) {
		printf "eu-vat-rates.tsv:%d: expected COUNTRY<TAB>YYYY-MM-DD<TAB>RATE\n", NR > "/dev/stderr"
		exit 1
	}
	split($3, r, ".")
	frac = r[2] == "" ? 0 : (length(r[2]) == 1 ? r[2] * 10 : r[2] + 0)
	printf "\t{ \"%s\", %d, %d, %d, %d },\n", $1, substr($2, 1, 4) + 0, substr($2, 6, 2) + 0, substr($2, 9, 2) + 0, r[1] * 100 + frac
	n++
}
END { if (n == 0) { print "eu-vat-rates.tsv: no rate" > "/dev/stderr"; exit 1 } }
