#!/bin/sh
# Shell completion: the bash and zsh scripts parse, and completing a line
# gives the options, chains, entities, formats and files mdgraph knows.
. "$top_srcdir/tests/setup.sh"

bashc=$top_srcdir/completion/mdgraph
zshc=$top_srcdir/completion/_mdgraph

check "bash -n completion/mdgraph" bash -n "$bashc"
check "zsh -n completion/_mdgraph" zsh -n "$zshc"

# bcomp WORD...: what bash completes for the line "mdgraph WORD..." (the
# last word is the one being completed), one per line.
bcomp() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_mdgraph; printf "%s\n" "${COMPREPLY[@]}"' sh "$bashc" "$MDGRAPH" "$@"
}

is "bash: --chain st" "storage" "$(bcomp --chain st)"
is "bash: --chain in a list" "main,bcs" "$(bcomp --chain main,b)"
is "bash: every chain, and all, from --list-chains" \
    "$("$MDGRAPH" --list-chains 2>/dev/null | cut -f1 | sort) all" \
    "$(bcomp --chain '' | grep -v '^all$' | sort) $(bcomp --chain a)"
is "bash: --exclude an entity" "DataSourceResultTable" "$(bcomp --exclude DataSourceR)"
is "bash: --root an entity, then its column" "KafkaTopicInfo:" "$(bcomp --root KafkaT)"
printf 'chain alpha Alpha\n    Xa ||--o{ Ya : "id"\nend\nchain beta Beta\n    Ya ||--o{ Za : "id"\nend\n' \
    >"$work/two.model"
is "bash: the chains of the line's --model FILE" "all alpha beta" \
    "$(bcomp --model "$work/two.model" --chain '' | sort | paste -sd' ')"
is "bash: -T, the formats of --help" \
    "$("$MDGRAPH" --help | sed -n 's/.*output format: \([^(]*\) (.*/\1/p' | tr -d , | tr -s ' ' '\n' | sed '/^$/d') tree text" \
    "$(bcomp -T '' | paste -sd' ' | sed 's/ tree text$//' | tr ' ' '\n') tree text"
is "bash: --columns" "all" "$(bcomp --columns a)"
is "bash: options from --help" "--max-rows" "$(bcomp --max)"
is "bash: the commands" "check" "$(bcomp ch)"
is "bash: one command only" "" "$(bcomp doc ch)"
mkdir "$work/f" "$work/f/sub"
: >"$work/f/a.svg"
: >"$work/f/b.PNG"
: >"$work/f/c.c"
: >"$work/f/m.model"
is "bash: -o offers files it can write, by extension, and directories" \
    "$work/f/a.svg $work/f/b.PNG $work/f/sub/" "$(bcomp -o "$work/f/" | sort | paste -sd' ')"
is "bash: --model offers .model files" "$work/f/m.model $work/f/sub/" \
    "$(bcomp --model "$work/f/" | sort | paste -sd' ')"

# zsh: compile the function, then complete real lines in an interactive
# zsh on a pseudo-terminal (zpty), listing the choices with ^D.
mkdir "$work/zfunc"
cp "$zshc" "$work/zfunc/_mdgraph"
check "zsh: the function compiles" zsh -f -c "zcompile '$work/zfunc/_mdgraph'"
rm -f "$work/zfunc/_mdgraph.zwc"
cat >"$work/zcomp.zsh" <<'EOF'
zmodload zsh/zpty
zpty z env TERM=dumb HOME=/nonexistent zsh -f -i
zpty -w z "fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D; PS1='Z%{%}P>'; RPROMPT=; LISTMAX=1000"
# Type only once the line editor shows its prompt: typed ahead, it is lost.
zpty -r z line '*ZP>*'
zpty -w -n z "$2"$'\C-d'
# Then clear the line and print a mark: once it is out, so is the listing.
zpty -w z $'\C-u'"echo ZPTY''DONE"
zpty -r z out '*ZPTYDONE*'
print -r -- "$out"
zpty -d z
EOF
# zcomp LINE: the words zsh lists for LINE.
zcomp() {
	# The listing is what comes between the line typed and its redraw.
	timeout 30 zsh -f "$work/zcomp.zsh" "$work/zfunc" "$*" 2>&1 | tr -d '\r' |
	    awk -v p="$MDGRAPH" 'index($0, p) { n++; next } n == 1' |
	    tr -s ' ' '\n' | sed '/^$/d' | sort
}
is "zsh: --chain lists every chain and all" \
    "$( ("$MDGRAPH" --list-chains 2>/dev/null | cut -f1; echo all) | sort)" \
    "$(zcomp "$MDGRAPH --chain ")"
is "zsh: -T lists the formats" \
    "$( ("$MDGRAPH" --help | sed -n 's/.*output format: \([^(]*\) (.*/\1/p' | tr -d , | tr -s ' ' '\n' | sed '/^$/d'; echo tree; echo text) | sort)" \
    "$(zcomp "$MDGRAPH -T ")"
is "zsh: --exclude lists entities" \
    "$("$MDGRAPH" --list-entities | grep '^DataSource' | sort)" \
    "$(zcomp "$MDGRAPH --exclude DataSource")"
done_testing
