#!/bin/sh
# --model FILE: an edited copy of the model changes exactly what was edited.
. "$top_srcdir/tests/setup.sh"

model=$top_srcdir/templates/metadata.model

cp "$model" "$work/same.model"
"$MDGRAPH" doc --model "$work/same.model" >"$work/same.md"
same "an unedited copy gives the documented layout" \
    "$GOLDEN/metadata-relations.md" "$work/same.md"

old='    TimeSeriesGroup ||--o{ TimeSeriesMetric : "group_id"'
new='    TimeSeriesGroup ||--o{ TimeSeriesMetric : "group_id = time_series_group_id"'
awk -v old="$old" -v new="$new" '$0 == old { $0 = new } { print }' \
    "$model" >"$work/edit.model"
# What mdgraph reads from the copy: that relation's label, and only it.
is "mdgraph reads the edited relation, and only it" \
    "< TimeSeriesGroup TimeSeriesMetric group_id time_series_group_id|> TimeSeriesGroup TimeSeriesMetric group_id = time_series_group_id time_series_group_id|" \
    "$(model_diff '.relations[] | "\(.left) \(.right) \(.label) \(.join.left[0].column)"' "$work/edit.model")"

"$MDGRAPH" --chain main >"$work/main.want"
awk -v old="$old" -v new="$new" '$0 == old { $0 = new } { print }' \
    "$work/main.want" >"$work/main.edited"
"$MDGRAPH" --model "$work/edit.model" --chain main >"$work/main.got"
same "exactly that line of the chain changed" "$work/main.edited" \
    "$work/main.got"

"$MDGRAPH" doc --model "$work/edit.model" >"$work/edit.md"
is "and exactly that line of the doc" "<$old|>$new|" \
    "$(diff "$GOLDEN/metadata-relations.md" "$work/edit.md" | grep '^[<>]' | sed 's/^\([<>]\) /\1/' | tr '\n' '|')"

# A label that is its own join ("bk_data_id") cannot silently become prose.
line=$(grep -n '^    DataSource ||--|| KafkaTopicInfo : "bk_data_id"$' "$model" | cut -d: -f1)
sed "${line}s/\"bk_data_id\"/\"data id\"/" "$model" >"$work/bad.model"
run_status "$MDGRAPH" --model "$work/bad.model"
is "a prose label without an 'on' line is an error at its line" \
    "2|mdgraph: $work/bad.model:$line: label \"data id\" is not a column list: add an 'on' line with the join" \
    "$status|$(cat "$work/stderr")"
done_testing
