{% macro minor_to_major(amount_column, currency_column) -%}
    {#- Stripe stores money in the currency's minor unit. Zero-decimal currencies
        (Stripe's list) are already in major units; every other one has two decimals. -#}
    case
        when lower({{ currency_column }}) in (
            'bif', 'clp', 'djf', 'gnf', 'jpy', 'kmf', 'krw', 'mga', 'pyg',
            'rwf', 'ugx', 'vnd', 'vuv', 'xaf', 'xof', 'xpf'
        ) then {{ dbt.safe_cast(amount_column, api.Column.translate_type('double')) }}
        else {{ dbt.safe_cast(amount_column, api.Column.translate_type('double')) }} / 100.0
    end
{%- endmacro %}
