using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Affinity.Evaluation.Tuning;

/// <summary>
/// The options of a model a search may change, and the values each may take, read from text such as
/// <c>factors=int:16..256:log;regularization=float:0.001..0.3:log;solver=choice:Cholesky,ConjugateGradient</c>.
/// Immutable.
/// </summary>
/// <remarks>
/// <para>Grammar: parts separated by <c>;</c>, each <c>name=kind:body</c>; kinds are <c>int:LO..HI</c>
/// and <c>float:LO..HI</c> (uniform; <c>:log</c> after the range makes them log-uniform) and
/// <c>choice:A,B,...</c>. Numbers are invariant-culture; kind names and <c>log</c> ignore case.</para>
/// <para>Names are the options record's JSON names (camelCase). <see cref="Parse"/> checks only the
/// syntax; <see cref="Bind"/> checks the names, kinds and values against the options type.</para>
/// </remarks>
public sealed class SearchSpace
{
    private const string Grammar = "name=int:LO..HI, name=float:LO..HI (either followed by :log for a log scale) or name=choice:A,B,..., parts separated by ';'";
    private readonly SearchParameter[] _parameters;

    /// <summary>Creates a space from parameters with distinct names.</summary>
    /// <exception cref="ArgumentException">No parameters, or two with the same name (ignoring case).</exception>
    public SearchSpace(IReadOnlyList<SearchParameter> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        if (parameters.Count == 0)
        {
            throw new ArgumentException("The search space has no parameters.", nameof(parameters));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var parameter in parameters)
        {
            ArgumentNullException.ThrowIfNull(parameter, nameof(parameters));
            if (!names.Add(parameter.Name))
            {
                throw new ArgumentException($"The search space names '{parameter.Name}' twice.", nameof(parameters));
            }
        }

        _parameters = [.. parameters];
    }

    /// <summary>The parameters, in the order written.</summary>
    public IReadOnlyList<SearchParameter> Parameters => _parameters;

    /// <summary>Reads a search space from its text form.</summary>
    /// <exception cref="FormatException">The text does not follow the grammar; the message quotes the bad part and says why.</exception>
    public static SearchSpace Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parameters = new List<SearchParameter>();
        foreach (var raw in text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var parameter = ParsePart(raw);
            if (parameters.Exists(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new FormatException($"Search space part '{raw}': '{parameter.Name}' is named twice.");
            }

            parameters.Add(parameter);
        }

        return parameters.Count == 0
            ? throw new FormatException($"The search space is empty; write {Grammar}.")
            : new SearchSpace(parameters);
    }

    /// <summary>
    /// Checks the space against an options record and returns it with every name in its canonical
    /// JSON spelling and every choice written as the JSON the option reads: each name must be a
    /// settable property of <paramref name="optionsType"/>, a <c>float</c> range needs a real-valued
    /// option, an <c>int</c> range a numeric one, and both ends of every range and every choice must
    /// be accepted by the record on their own (so its validation runs here, not in trial 7).
    /// </summary>
    /// <exception cref="ArgumentException">A name is not an option (the message lists the options), a kind does not fit, or a value is rejected.</exception>
    public SearchSpace Bind(Type optionsType, JsonSerializerOptions jsonOptions)
    {
        ArgumentNullException.ThrowIfNull(optionsType);
        ArgumentNullException.ThrowIfNull(jsonOptions);
        return new SearchSpace([.. _parameters.Select(p => SearchSpaceBinding.Bind(p, optionsType, jsonOptions))]);
    }

    /// <summary>
    /// The options JSON of a point: <paramref name="baseOptionsJson"/> (a JSON object, or null for none)
    /// with each parameter's value set, replacing a value the base gives.
    /// </summary>
    /// <exception cref="ArgumentException">The point has the wrong length, or the base is not a JSON object.</exception>
    public string ToOptionsJson(IReadOnlyList<double> point, string? baseOptionsJson = null)
    {
        CheckPoint(point);
        JsonObject options;
        try
        {
            options = string.IsNullOrWhiteSpace(baseOptionsJson)
                ? []
                : JsonNode.Parse(baseOptionsJson) as JsonObject ?? throw new ArgumentException("The base options must be a JSON object.", nameof(baseOptionsJson));
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"The base options are not valid JSON: {e.Message}", nameof(baseOptionsJson), e);
        }

        for (var p = 0; p < _parameters.Length; p++)
        {
            var name = _parameters[p].Name;
            var existing = options.Select(o => o.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (existing is not null)
            {
                options.Remove(existing);
            }

            options[name] = _parameters[p].ToJson(point[p]);
        }

        return options.ToJsonString();
    }

    /// <summary>The point as "name=value" pairs for a table ("alsUserReg=12.5, solver=Sgd").</summary>
    /// <exception cref="ArgumentException">The point has the wrong length.</exception>
    public string Describe(IReadOnlyList<double> point)
    {
        CheckPoint(point);
        return string.Join(", ", _parameters.Select((p, i) => $"{p.Name}={p.Format(point[i])}"));
    }

    /// <summary>The space in its text form, which <see cref="Parse"/> reads back.</summary>
    public override string ToString() => string.Join(';', _parameters.Select(p => p.ToString()));

    private void CheckPoint(IReadOnlyList<double> point)
    {
        ArgumentNullException.ThrowIfNull(point);
        if (point.Count != _parameters.Length)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"A point of this space has {_parameters.Length} coordinates, not {point.Count}."), nameof(point));
        }
    }

    private static SearchParameter ParsePart(string part)
    {
        var equals = part.IndexOf('=', StringComparison.Ordinal);
        if (equals < 0)
        {
            throw Bad(part, $"expected name=kind:values; write {Grammar}");
        }

        var name = part[..equals].Trim();
        if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw Bad(part, $"'{name}' is not an option name (letters, digits and '_')");
        }

        var definition = part[(equals + 1)..].Trim();
        var colon = definition.IndexOf(':', StringComparison.Ordinal);
        var kind = (colon < 0 ? definition : definition[..colon]).Trim().ToUpperInvariant();
        var body = colon < 0 ? "" : definition[(colon + 1)..].Trim();
        try
        {
            return kind switch
            {
                "INT" => ParseRange(part, name, body, isInteger: true),
                "FLOAT" => ParseRange(part, name, body, isInteger: false),
                "CHOICE" => new ChoiceParameter(name, [.. body.Split(',', StringSplitOptions.TrimEntries)]),
                _ => throw Bad(part, $"unknown kind '{(colon < 0 ? definition : definition[..colon]).Trim()}'; write {Grammar}"),
            };
        }
        catch (ArgumentException e)
        {
            throw Bad(part, e.Message.Split(" (Parameter", 2)[0]);
        }
    }

    private static NumericParameter ParseRange(string part, string name, string body, bool isInteger)
    {
        var log = false;
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            var scale = body[(colon + 1)..].Trim();
            if (!string.Equals(scale, "log", StringComparison.OrdinalIgnoreCase))
            {
                throw Bad(part, $"unknown scale '{scale}'; the only scale is 'log'");
            }

            log = true;
            body = body[..colon];
        }

        var dots = body.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            throw Bad(part, "expected a range LO..HI");
        }

        return new NumericParameter(name, Number(part, body[..dots], isInteger), Number(part, body[(dots + 2)..], isInteger), isInteger, log);
    }

    private static double Number(string part, string text, bool isInteger)
    {
        text = text.Trim();
        if (isInteger)
        {
            return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole)
                ? whole
                : throw Bad(part, $"'{text}' is not a whole number");
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && double.IsFinite(real)
            ? real
            : throw Bad(part, $"'{text}' is not a finite number");
    }

    private static FormatException Bad(string part, string reason) => new($"Search space part '{part}': {reason.TrimEnd('.')}.");
}
