#!/bin/sh
# render-all.sh [DIR] -- every chain of the model as SVG and PNG, plus the
# whole document, into DIR (default: diagrams/).
set -eu
mdgraph=${MDGRAPH:-mdgraph}
dir=${1:-diagrams}
mkdir -p "$dir"
for chain in $("$mdgraph" --list-chains | cut -f1) all; do
	"$mdgraph" --chain "$chain" -o "$dir/$chain.svg"
	"$mdgraph" --chain "$chain" -o "$dir/$chain.png"
done
"$mdgraph" doc -o "$dir/metadata-relations.md"
echo "wrote $(ls "$dir" | wc -l) files to $dir/"
