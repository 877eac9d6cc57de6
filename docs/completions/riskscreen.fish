function __riskscreen_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __riskscreen_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __riskscreen_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __riskscreen_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __riskscreen_parse_tokens -S
    set -l unparsed_tokens (__riskscreen_tokens -pc)
    switch $unparsed_tokens[1]
    case 'riskscreen'
        __riskscreen_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'run'
            __riskscreen_parse_subcommand 0 'config=' 'policy=' 'regions=' 'residents=+' 'travel=+' 'encoding=' 'only' 'add' 'lang=' 'as-of=' 'out=' 'state=' 'dry-run' 'allow-empty' 'force' 'max-reject-rate=' 'no-render' 'log-format=' 'log-file=' 'v/verbose' 'q/quiet' 'version' 'h/help'
        case 'check'
            __riskscreen_parse_subcommand 0 'config=' 'policy=' 'regions=' 'residents=+' 'travel=+' 'encoding=' 'only' 'add' 'lang=' 'state=' 'max-reject-rate=' 'allow-empty' 'version' 'h/help'
        case 'explain'
            __riskscreen_parse_subcommand 1 'config=' 'state=' 'as-of=' 'id-type=' 'policy=' 'regions=' 'lang=' 'version' 'h/help'
        case 'diff'
            __riskscreen_parse_subcommand 0 'config=' 'policy=' 'regions=' 'residents=+' 'travel=+' 'encoding=' 'only' 'add' 'lang=' 'as-of=' 'state=' 'out=' 'list' 'version' 'h/help'
        case 'rules'
            __riskscreen_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'import'
                __riskscreen_parse_subcommand 1 'on=' 'from=' 'previous=' 'column=' 'widen' 'v/verbose' 'o/output=' 'config=' 'state=' 'lang=' 'version' 'h/help'
            case 'diff'
                __riskscreen_parse_subcommand 2 'on=' 'config=' 'state=' 'lang=' 'version' 'h/help'
            case 'check'
                __riskscreen_parse_subcommand 1 'on=' 'config=' 'state=' 'lang=' 'version' 'h/help'
            end
        case 'history'
            __riskscreen_parse_subcommand 0 'config=' 'state=' 'lang=' 'version' 'h/help'
        case 'purge'
            __riskscreen_parse_subcommand 0 'config=' 'state=' 'before=' 'lang=' 'version' 'h/help'
        case 'print'
            __riskscreen_parse_subcommand 0 'config=' 'out=' 'run=' 'community=' 'all' 'printer=' 'copies=' 'lang=' 'version' 'h/help'
        case 'generate'
            __riskscreen_parse_subcommand 0 'residents=' 'stays=' 'designations=' 'flagged=' 'as-of=' 'seed=' 'bad-rows=' 'travel-files=' 'travel-seed=' 'first-record=' 'shape=' 'out=' 'lang=' 'version' 'h/help'
        case 'help'
            __riskscreen_parse_subcommand -r 1 'version'
        end
    end
end

function __riskscreen_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __riskscreen_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __riskscreen_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __riskscreen_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__riskscreen_tokens -p)
    if test -z "$(__riskscreen_tokens -t)"
        set -l index (count (__riskscreen_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'riskscreen' -f
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen" version' -l 'version' -d 'Show the version.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_positional "riskscreen" -eq 1' -fa 'run' -d 'Screen for one as-of date and publish measures, notices and worklists.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_positional "riskscreen" -eq 1' -fa 'check' -d 'Validate the policy, rule file and feeds, and list what `run` would reject; writes nothing.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_positional "riskscreen" -eq 1' -fa 'explain' -d 'Explain why a person has (or has no) measure: stays, designations touched, candidates, notices.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_positional "riskscreen" -eq 1' -fa 'diff' -d 'Preview what a new rule file or policy would change against the last committed run.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_positional "riskscreen" -eq 1' -fa 'rules' -d 'Make, compare and check risk-region rule files: import a published announcement, diff, check.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_positional "riskscreen" -eq 1' -fa 'history' -d 'List the committed runs with their inputs, rule-file hashes and counts.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_positional "riskscreen" -eq 1' -fa 'purge' -d 'Delete stays and personal data of measures that ended before a date; counts are kept.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_positional "riskscreen" -eq 1' -fa 'print' -d 'Send a run\'s notice batches to a CUPS printer and report each job id.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_positional "riskscreen" -eq 1' -fa 'generate' -d 'Write synthetic residence and travel feeds, a rule file and a policy.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_positional "riskscreen" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" config' -l 'config' -d 'Config file (TOML) with paths, feeds and column mappings; flags override it.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" policy' -l 'policy' -d 'Policy file (TOML, SPEC 1.5).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" regions' -l 'regions' -d 'Risk-region rule file (CSV or XLSX, SPEC 1.4).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run"' -l 'residents' -d 'Residence snapshot feed (CSV or XLSX); repeat for several files.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run"' -l 'travel' -d 'Travel feed (CSV or XLSX); repeat for several files.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" encoding' -l 'encoding' -d 'Encoding of CSV files named on the command line: utf-8, gb18030 or auto.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" only' -l 'only' -d 'When the config lists feeds too, read only the feeds named on the command line.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" add' -l 'add' -d 'When the config lists feeds too, read both: the config\'s, then the command line\'s.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" lang' -l 'lang' -d 'Language of messages and help: zh or en; default the config\'s `language`, else the locale (LC_ALL, LC_MESSAGES, LANG).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" as-of' -l 'as-of' -d 'Day to screen for (YYYY-MM-DD; 2020/2/6, 20200206, 2020年2月6日 and the like are accepted too); default today in Asia/Shanghai.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" out' -l 'out' -d 'Output folder (runs/, previews/, latest).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" state' -l 'state' -d 'State store (SQLite file; packed data lives beside it).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" dry-run' -l 'dry-run' -d 'Write every output as a preview and commit nothing.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" allow-empty' -l 'allow-empty' -d 'Accept a feed with no records.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" force' -l 'force' -d 'Screen for an as-of date earlier than the last committed run\'s.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" max-reject-rate' -l 'max-reject-rate' -d 'Largest share of rejected rows a feed may have (default 0.01).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" no-render' -l 'no-render' -d 'Skip PDF and XLSX; write the CSVs and the manifest only.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" log-format' -l 'log-format' -d 'Log line format: logfmt or json.' -rfka 'logfmt json'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" log-file' -l 'log-file' -d 'Also append log lines to this file (info level, debug with --verbose), whatever --quiet says.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" v verbose' -l 'verbose' -s 'v' -d 'Log stage timings and details on stderr.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" q quiet' -l 'quiet' -s 'q' -d 'On stderr, print only errors and the summary line: no warnings, no progress bar.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" version' -l 'version' -d 'Show the version.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen check" config' -l 'config' -d 'Config file (TOML) with paths, feeds and column mappings; flags override it.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen check" policy' -l 'policy' -d 'Policy file (TOML, SPEC 1.5).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen check" regions' -l 'regions' -d 'Risk-region rule file (CSV or XLSX, SPEC 1.4).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen check"' -l 'residents' -d 'Residence snapshot feed (CSV or XLSX); repeat for several files.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen check"' -l 'travel' -d 'Travel feed (CSV or XLSX); repeat for several files.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen check" encoding' -l 'encoding' -d 'Encoding of CSV files named on the command line: utf-8, gb18030 or auto.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen check" only' -l 'only' -d 'When the config lists feeds too, read only the feeds named on the command line.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen check" add' -l 'add' -d 'When the config lists feeds too, read both: the config\'s, then the command line\'s.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen check" lang' -l 'lang' -d 'Language of messages and help: zh or en; default the config\'s `language`, else the locale (LC_ALL, LC_MESSAGES, LANG).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen check" state' -l 'state' -d 'State store, for its residents\' community names; default the config\'s.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen check" max-reject-rate' -l 'max-reject-rate' -d 'Largest share of rejected rows a feed may have (default 0.01).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen check" allow-empty' -l 'allow-empty' -d 'Accept a feed with no records.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen check" version' -l 'version' -d 'Show the version.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen explain" config' -l 'config' -d 'Config file (TOML): its state store and gazetteer files are used.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen explain" state' -l 'state' -d 'State store; default the config\'s.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen explain" as-of' -l 'as-of' -d 'Day to explain for; default the last run\'s.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen explain" id-type' -l 'id-type' -d 'cn_id (default), passport or other.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen explain" policy' -l 'policy' -d 'Explain under this policy instead of the last run\'s.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen explain" regions' -l 'regions' -d 'Explain under this rule file instead of the last run\'s.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen explain" lang' -l 'lang' -d 'Language of messages and help: zh or en; default the config\'s `language`, else the locale (LC_ALL, LC_MESSAGES, LANG).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen explain" version' -l 'version' -d 'Show the version.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen explain" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen diff" config' -l 'config' -d 'Config file (TOML) with paths, feeds and column mappings; flags override it.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen diff" policy' -l 'policy' -d 'Policy file (TOML, SPEC 1.5).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen diff" regions' -l 'regions' -d 'Risk-region rule file (CSV or XLSX, SPEC 1.4).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen diff"' -l 'residents' -d 'Residence snapshot feed (CSV or XLSX); repeat for several files.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen diff"' -l 'travel' -d 'Travel feed (CSV or XLSX); repeat for several files.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen diff" encoding' -l 'encoding' -d 'Encoding of CSV files named on the command line: utf-8, gb18030 or auto.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen diff" only' -l 'only' -d 'When the config lists feeds too, read only the feeds named on the command line.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen diff" add' -l 'add' -d 'When the config lists feeds too, read both: the config\'s, then the command line\'s.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen diff" lang' -l 'lang' -d 'Language of messages and help: zh or en; default the config\'s `language`, else the locale (LC_ALL, LC_MESSAGES, LANG).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen diff" as-of' -l 'as-of' -d 'Day to screen for; default the config\'s, else today.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen diff" state' -l 'state' -d 'State store; default the config\'s.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen diff" out' -l 'out' -d 'Keep the preview\'s files under DIR/previews/.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen diff" list' -l 'list' -d 'List each new, amended and rescinded notice.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen diff" version' -l 'version' -d 'Show the version.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules" version' -l 'version' -d 'Show the version.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_positional "riskscreen rules" -eq 1' -fa 'import' -d 'Turn a published risk-area announcement into the next rule file.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_positional "riskscreen rules" -eq 1' -fa 'diff' -d 'Compare two rule files: regions added, lifted and changed per level on a day, then rows.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_positional "riskscreen rules" -eq 1' -fa 'check' -d 'Check a rule file as a run reads it, and list the regions in force on a day.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules import" on' -l 'on' -d 'Day the announced list is in force.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules import" from' -l 'from' -d 'First day of the new designations; default --on.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules import" previous' -l 'previous' -d 'Yesterday\'s rule file, to close, keep and open rows against.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules import" column' -l 'column' -d 'Header of the column holding the names, for a CSV or XLSX announcement.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules import" widen' -l 'widen' -d 'Designate the enclosing region of a name whose end the gazetteer does not know, with a warning.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules import" v verbose' -l 'verbose' -s 'v' -d 'List the announcement\'s lines that were not read as names.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules import" o output' -s 'o' -l 'output' -d 'The rule file to write.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules import" config' -l 'config' -d 'Config file (TOML): its gazetteer files, state store and as_of are used.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules import" state' -l 'state' -d 'State store, for the residents\' community names; default the config\'s.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules import" lang' -l 'lang' -d 'Language of messages and help: zh or en; default the config\'s `language`, else the locale (LC_ALL, LC_MESSAGES, LANG).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules import" version' -l 'version' -d 'Show the version.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules diff" on' -l 'on' -d 'Day to compare the regions in force on.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules diff" config' -l 'config' -d 'Config file (TOML): its gazetteer files, state store and as_of are used.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules diff" state' -l 'state' -d 'State store, for the residents\' community names; default the config\'s.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules diff" lang' -l 'lang' -d 'Language of messages and help: zh or en; default the config\'s `language`, else the locale (LC_ALL, LC_MESSAGES, LANG).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules diff" version' -l 'version' -d 'Show the version.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules diff" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules check" on' -l 'on' -d 'Day to list the regions in force on; default the config\'s as_of, else today.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules check" config' -l 'config' -d 'Config file (TOML): its gazetteer files, state store and as_of are used.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules check" state' -l 'state' -d 'State store, for the residents\' community names; default the config\'s.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules check" lang' -l 'lang' -d 'Language of messages and help: zh or en; default the config\'s `language`, else the locale (LC_ALL, LC_MESSAGES, LANG).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules check" version' -l 'version' -d 'Show the version.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen rules check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen history" config' -l 'config' -d 'Config file (TOML): its state store and gazetteer files are used.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen history" state' -l 'state' -d 'State store; default the config\'s.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen history" lang' -l 'lang' -d 'Language of messages and help: zh or en; default the config\'s `language`, else the locale (LC_ALL, LC_MESSAGES, LANG).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen history" version' -l 'version' -d 'Show the version.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen history" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen purge" config' -l 'config' -d 'Config file (TOML): its state store and gazetteer files are used.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen purge" state' -l 'state' -d 'State store; default the config\'s.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen purge" before' -l 'before' -d 'Remove what ended before this day.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen purge" lang' -l 'lang' -d 'Language of messages and help: zh or en; default the config\'s `language`, else the locale (LC_ALL, LC_MESSAGES, LANG).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen purge" version' -l 'version' -d 'Show the version.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen purge" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen print" config' -l 'config' -d 'Config file (TOML): its `out` is used.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen print" out' -l 'out' -d 'Output folder of the runs; default the config\'s.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen print" run' -l 'run' -d '`latest`, a run number, a run folder name under runs/, or a path to a run folder.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen print" community' -l 'community' -d 'Print only this community\'s batch (code or name).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen print" all' -l 'all' -d 'Print every community\'s batch.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen print" printer' -l 'printer' -d 'CUPS printer (queue) name.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen print" copies' -l 'copies' -d 'Copies of each batch.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen print" lang' -l 'lang' -d 'Language of messages and help: zh or en; default the config\'s `language`, else the locale (LC_ALL, LC_MESSAGES, LANG).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen print" version' -l 'version' -d 'Show the version.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen print" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen generate" residents' -l 'residents' -d 'Distinct residents in residents.csv.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen generate" stays' -l 'stays' -d 'Rows across all travel feeds.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen generate" designations' -l 'designations' -d 'Rows of regions.csv.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen generate" flagged' -l 'flagged' -d 'Share of people whose stays produce a measure.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen generate" as-of' -l 'as-of' -d 'As-of date the data is built around.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen generate" seed' -l 'seed' -d 'Seed of the generator.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen generate" bad-rows' -l 'bad-rows' -d 'Share of feed rows written invalid on purpose.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen generate" travel-files' -l 'travel-files' -d 'Number of travel feeds (rail, telecom, checkpoint, rail_2, ...).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen generate" travel-seed' -l 'travel-seed' -d 'Seed of the travel feeds alone (default: --seed): another night\'s travel of the same people.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen generate" first-record' -l 'first-record' -d 'Number of the first record_id in each feed; a later night\'s data after an earlier one\'s, so its stays add to them.' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen generate" shape' -l 'shape' -d 'Layout of the files: present (three agencies\' exports), clean (one platform feed, English headers, ISO dates) or wide (census-style residents with extra columns and long addresses).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen generate" out' -l 'out' -d 'Folder to write into (created if needed).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen generate" lang' -l 'lang' -d 'Language of messages and help: zh or en; default the config\'s `language`, else the locale (LC_ALL, LC_MESSAGES, LANG).' -rfka ''
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen generate" version' -l 'version' -d 'Show the version.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen generate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'riskscreen' -n '__riskscreen_should_offer_completions_for_flags_or_options "riskscreen help" version' -l 'version' -d 'Show the version.'
