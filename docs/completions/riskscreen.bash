#!/bin/bash

__riskscreen_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__riskscreen_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__riskscreen_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__riskscreen_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_riskscreen() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __riskscreen_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    run|check|explain|diff|rules|history|purge|print|generate|help)
        # Offer subcommand argument completions
        "_riskscreen_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'run check explain diff rules history purge print generate help' -- "${cur}"))
        ;;
    esac
}

_riskscreen_run() {
    repeating_flags=()
    non_repeating_flags=(--only --add --dry-run --allow-empty --force --no-render --verbose -v --quiet -q --version -h --help)
    repeating_options=(--residents --travel)
    non_repeating_options=(--config --policy --regions --encoding --lang --as-of --out --state --max-reject-rate --log-format --log-file)
    __riskscreen_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--policy')
        return
        ;;
    '--regions')
        return
        ;;
    '--residents')
        return
        ;;
    '--travel')
        return
        ;;
    '--encoding')
        return
        ;;
    '--lang')
        return
        ;;
    '--as-of')
        return
        ;;
    '--out')
        return
        ;;
    '--state')
        return
        ;;
    '--max-reject-rate')
        return
        ;;
    '--log-format')
        __riskscreen_add_completions -W 'logfmt'$'\n''json'
        return
        ;;
    '--log-file')
        return
        ;;
    esac
}

_riskscreen_check() {
    repeating_flags=()
    non_repeating_flags=(--only --add --allow-empty --version -h --help)
    repeating_options=(--residents --travel)
    non_repeating_options=(--config --policy --regions --encoding --lang --state --max-reject-rate)
    __riskscreen_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--policy')
        return
        ;;
    '--regions')
        return
        ;;
    '--residents')
        return
        ;;
    '--travel')
        return
        ;;
    '--encoding')
        return
        ;;
    '--lang')
        return
        ;;
    '--state')
        return
        ;;
    '--max-reject-rate')
        return
        ;;
    esac
}

_riskscreen_explain() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--config --state --as-of --id-type --policy --regions --lang)
    __riskscreen_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--state')
        return
        ;;
    '--as-of')
        return
        ;;
    '--id-type')
        return
        ;;
    '--policy')
        return
        ;;
    '--regions')
        return
        ;;
    '--lang')
        return
        ;;
    esac
}

_riskscreen_diff() {
    repeating_flags=()
    non_repeating_flags=(--only --add --list --version -h --help)
    repeating_options=(--residents --travel)
    non_repeating_options=(--config --policy --regions --encoding --lang --as-of --state --out)
    __riskscreen_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--policy')
        return
        ;;
    '--regions')
        return
        ;;
    '--residents')
        return
        ;;
    '--travel')
        return
        ;;
    '--encoding')
        return
        ;;
    '--lang')
        return
        ;;
    '--as-of')
        return
        ;;
    '--state')
        return
        ;;
    '--out')
        return
        ;;
    esac
}

_riskscreen_rules() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __riskscreen_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    import|diff|check)
        # Offer subcommand argument completions
        "_riskscreen_rules_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'import diff check' -- "${cur}"))
        ;;
    esac
}

_riskscreen_rules_import() {
    repeating_flags=()
    non_repeating_flags=(--widen --verbose -v --version -h --help)
    repeating_options=()
    non_repeating_options=(--on --from --previous --column -o --output --config --state --lang)
    __riskscreen_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--on')
        return
        ;;
    '--from')
        return
        ;;
    '--previous')
        return
        ;;
    '--column')
        return
        ;;
    '-o'|'--output')
        return
        ;;
    '--config')
        return
        ;;
    '--state')
        return
        ;;
    '--lang')
        return
        ;;
    esac
}

_riskscreen_rules_diff() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--on --config --state --lang)
    __riskscreen_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--on')
        return
        ;;
    '--config')
        return
        ;;
    '--state')
        return
        ;;
    '--lang')
        return
        ;;
    esac
}

_riskscreen_rules_check() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--on --config --state --lang)
    __riskscreen_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--on')
        return
        ;;
    '--config')
        return
        ;;
    '--state')
        return
        ;;
    '--lang')
        return
        ;;
    esac
}

_riskscreen_history() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--config --state --lang)
    __riskscreen_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--state')
        return
        ;;
    '--lang')
        return
        ;;
    esac
}

_riskscreen_purge() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--config --state --before --lang)
    __riskscreen_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--state')
        return
        ;;
    '--before')
        return
        ;;
    '--lang')
        return
        ;;
    esac
}

_riskscreen_print() {
    repeating_flags=()
    non_repeating_flags=(--all --version -h --help)
    repeating_options=()
    non_repeating_options=(--config --out --run --community --printer --copies --lang)
    __riskscreen_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--config')
        return
        ;;
    '--out')
        return
        ;;
    '--run')
        return
        ;;
    '--community')
        return
        ;;
    '--printer')
        return
        ;;
    '--copies')
        return
        ;;
    '--lang')
        return
        ;;
    esac
}

_riskscreen_generate() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--residents --stays --designations --flagged --as-of --seed --bad-rows --travel-files --travel-seed --first-record --shape --out --lang)
    __riskscreen_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--residents')
        return
        ;;
    '--stays')
        return
        ;;
    '--designations')
        return
        ;;
    '--flagged')
        return
        ;;
    '--as-of')
        return
        ;;
    '--seed')
        return
        ;;
    '--bad-rows')
        return
        ;;
    '--travel-files')
        return
        ;;
    '--travel-seed')
        return
        ;;
    '--first-record')
        return
        ;;
    '--shape')
        return
        ;;
    '--out')
        return
        ;;
    '--lang')
        return
        ;;
    esac
}

_riskscreen_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __riskscreen_offer_flags_options -1
}

complete -o filenames -F _riskscreen riskscreen
