#!/bin/sh
# Graphviz output of every chain: DOT re-parses, SVG is well-formed XML,
# counts match the model, PNG/PDF are real, reruns are byte-identical.
. "$top_srcdir/tests/setup.sh"

for tool in dot gc gvpr xmllint jq; do
	command -v "$tool" >/dev/null ||
	    { echo "Bail out! $tool missing: run ./bootstrap"; exit 1; }
done

# rels FILE: relation lines of a Mermaid text.
rels() { grep -c -- '--\|\.\.' "$1"; }

"$MDGRAPH" --list-chains >"$work/list"
for name in $(cut -f1 "$work/list") all; do
	"$MDGRAPH" --chain "$name" -T mermaid >"$work/$name.mmd"
	if [ "$name" = all ]; then
		want_n=$(cut -f1 "$work/list" | while read -r c; do
			"$MDGRAPH" --chain "$c" -T json | jq -r '.entities[].name'
		done | sort -u | wc -l)
	else
		want_n=$(awk -F'\t' -v n="$name" '$1 == n { print $3 }' "$work/list")
	fi
	want_e=$(rels "$work/$name.mmd")

	for fmt in dot svg json png pdf; do
		"$MDGRAPH" --chain "$name" -o "$work/$name.$fmt"
	done

	check "$name: DOT re-parses with dot -Tsvg" \
	    sh -c "dot -Tsvg '$work/$name.dot' >/dev/null 2>'$work/err' && ! test -s '$work/err'"
	is "$name: DOT has $want_n nodes and $want_e edges" \
	    "$want_n $want_e" \
	    "$(gc -n -e "$work/$name.dot" | awk '{ print $1, $2; exit }')"
	check "$name: SVG is well-formed XML" xmllint --noout "$work/$name.svg"
	is "$name: SVG draws $want_n nodes and $want_e edges" "$want_n $want_e" \
	    "$(grep -c 'class="node"' "$work/$name.svg") $(grep -c 'class="edge"' "$work/$name.svg")"
	check "$name: SVG names a CJK font" \
	    grep -q 'font-family="Noto Sans CJK SC' "$work/$name.svg"
	is "$name: JSON parses with $want_n entities and $want_e relations" \
	    "$want_n $want_e" \
	    "$(jq -r '"\(.entities | length) \(.relations | length)"' "$work/$name.json")"
	png=$(od -An -tx1 -N24 "$work/$name.png" | tr -d ' \n')
	is "$name: PNG signature" 89504e470d0a1a0a "$(echo "$png" | cut -c1-16)"
	w=$((0x$(echo "$png" | cut -c33-40)))
	h=$((0x$(echo "$png" | cut -c41-48)))
	check "$name: PNG is at least 400x200 (${w}x$h)" \
	    test "$w" -ge 400 -a "$h" -ge 200
	is "$name: PDF header" "%PDF-" "$(head -c5 "$work/$name.pdf")"

	for fmt in dot svg json; do
		"$MDGRAPH" --chain "$name" -T "$fmt" >"$work/again.$fmt"
		same "$name: $fmt rerun is byte-identical" \
		    "$work/$name.$fmt" "$work/again.$fmt"
	done
done

# The storage chain, as the README's first command draws it.
"$MDGRAPH" --chain storage -o "$work/storage.svg"
is "storage.svg: its 11 entities and 16 relations" \
    "ClusterInfo DorisStorage ESFieldQueryAliasOption ESStorage EsSnapshot EsSnapshotIndice EsSnapshotRepository EsSnapshotRestore KafkaStorage ResultTable StorageClusterRecord" \
    "$(sed -n 's/.*<title>\([A-Za-z]*\)<\/title>.*/\1/p' "$work/storage.svg" | grep -v '^storage$' | sort | tr '\n' ' ' | sed 's/ $//')"

# An edge meets the row of its join column.
is "edge ports: TimeSeriesGroup.time_series_group_id -> TimeSeriesMetric.group_id" \
    "r0e:e r0w:w" \
    "$(gvpr 'E [$.tail.name == "TimeSeriesGroup" && $.head.name == "TimeSeriesMetric"] { print($.tailport, " ", $.headport) }' "$work/main.dot")"
"$MDGRAPH" --chain main --rankdir TB -T dot >"$work/tb.dot"
is "--rankdir TB is set on the graph" TB \
    "$(gvpr 'BEG_G { print($G.rankdir) }' "$work/tb.dot")"

# Every cardinality pair maps to its crow's-foot arrows, on the right end.
arrow() {
	case $1 in
	'||') echo teetee ;; 'o|'|'|o') echo teeodot ;;
	'}o'|'o{') echo crowodot ;; '}|'|'|{') echo crowtee ;;
	esac
}
{
	echo "chain cards Cardinalities"
	i=0
	for l in '||' '|o' '}o' '}|'; do
		for r in '||' 'o|' 'o{' '|{'; do
			i=$((i + 1))
			echo "    L$i $l--$r R$i : \"id\""
		done
	done
	echo end
} >"$work/cards.model"
"$MDGRAPH" --model "$work/cards.model" --chain cards -T dot >"$work/cards.dot"
gvpr 'E { print($.tail.name, " ", $.arrowtail, " ", $.arrowhead) }' \
    "$work/cards.dot" >"$work/cards.got"
i=0
for l in '||' '|o' '}o' '}|'; do
	for r in '||' 'o|' 'o{' '|{'; do
		i=$((i + 1))
		echo "L$i $(arrow "$l") $(arrow "$r")"
	done
done >"$work/cards.want"
same "16 cardinality pairs map to tee/odot/crow arrows" \
    "$work/cards.want" "$work/cards.got"

# A failed render leaves the old file and no temporary file.
mkdir "$work/keep"
echo old >"$work/keep/out.svg"
printf 'chain c T\n    A ||--|| B : "id"\nend\n' >"$work/ok.model"
run_status "$MDGRAPH" --model "$work/ok.model" --chain c -T gif -o "$work/keep/out.svg"
is "unknown format: exit 2, old file kept" "2 old out.svg" \
    "$status $(cat "$work/keep/out.svg") $(ls "$work/keep")"

# --chain all: no edge label on a cluster's title band (the cluster's width,
# from its top border to below its title), measured in the SVG.
cat >"$work/band.awk" <<'EOF'
# Edge labels on a cluster's title band: one line each, and a count.
function width(t, size,   n, i, c, w) {
	w = 0
	n = length(t)
	for (i = 1; i <= n; i++) {
		c = substr(t, i, 1)
		# A UTF-8 lead byte of a CJK character: a full em; its
		# continuation bytes nothing; ASCII 0.6 em.
		if (c >= "\340") w += size
		else if (c < "\200") w += 0.6 * size
	}
	return w
}
function attr(s, name,   m) {
	if (match(s, " " name "=\"[^\"]*\"") == 0) return ""
	m = substr(s, RSTART + length(name) + 3, RLENGTH - length(name) - 4)
	return m
}
/<g id="[^"]*" class="cluster">/ { kind = "cluster"; nc++; top[nc] = 1e9; bottom[nc] = -1e9; next }
/<g id="[^"]*" class="edge">/ { kind = "edge"; next }
/<\/g>/ { kind = "" }
kind == "cluster" && /<path / {
	d = attr($0, "d"); gsub(/[MC]/, " ", d)
	n = split(d, p, /[ ,]+/)
	left[nc] = 1e9; right[nc] = -1e9
	for (i = 1; i + 1 <= n; i += 2) {
		if (p[i] == "") { i--; continue }
		x = p[i] + 0; y = p[i + 1] + 0
		if (x < left[nc]) left[nc] = x
		if (x > right[nc]) right[nc] = x
		if (y < top[nc]) top[nc] = y
	}
}
kind == "cluster" && /<text / { y = attr($0, "y") + 5; if (y > bottom[nc]) bottom[nc] = y }
kind == "edge" && /<text / {
	s = attr($0, "font-size") + 0; x = attr($0, "x") + 0; y = attr($0, "y") + 0
	t = $0; sub(/^.*">/, "", t); sub(/<\/text>.*$/, "", t)
	w = width(t, s); a = attr($0, "text-anchor")
	x0 = a == "start" ? x : a == "middle" ? x - w / 2 : x - w
	nl++; lx0[nl] = x0; lx1[nl] = x0 + w; ly0[nl] = y - 0.9 * s; ly1[nl] = y + 0.25 * s; lt[nl] = t
}
END {
	bad = 0
	for (i = 1; i <= nl; i++)
		for (c = 1; c <= nc; c++)
			if (lx0[i] < right[c] && left[c] < lx1[i] &&
			    ly0[i] < bottom[c] && top[c] - 2 < ly1[i]) {
				print "label '" lt[i] "' on the title band of cluster " c
				bad++
			}
	print bad " labels on a title band of " nl
}
EOF
"$MDGRAPH" --chain all -o "$work/all-band.svg"
LC_ALL=C awk -f "$work/band.awk" "$work/all-band.svg" >"$work/band.out"
is "--chain all: no edge label on a cluster title" "0 labels on a title band" \
    "$(sed 's/ of [0-9]*$//' "$work/band.out" | paste -sd'|')"
is "the SVG's font list falls back after Noto Sans CJK" \
    'font-family="Noto Sans CJK SC, Source Han Sans SC, PingFang SC, Microsoft YaHei, WenQuanYi Micro Hei, sans-serif"' \
    "$(grep -o 'font-family="[^"]*"' "$work/all-band.svg" | sort -u)"
done_testing
