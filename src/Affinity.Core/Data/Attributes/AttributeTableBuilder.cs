namespace Affinity.Core.Data.Attributes;

/// <summary>
/// Collects attribute values by external entity id. Setting a value registers the entity in the
/// shared <see cref="IdMapBuilder"/>, so a catalogue item without interactions still gets an index.
/// </summary>
public sealed class AttributeTableBuilder
{
    private readonly IdMapBuilder _entities;
    private readonly Dictionary<string, Dictionary<int, string>> _categorical = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<int, List<(string Tag, float Weight)>>> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<int, double>> _numeric = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<int, string>> _text = new(StringComparer.Ordinal);

    /// <summary>Creates a builder that registers entities in <paramref name="entities"/>.</summary>
    public AttributeTableBuilder(IdMapBuilder entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        _entities = entities;
    }

    /// <summary>Sets a categorical value.</summary>
    public void SetCategorical(string entityId, string column, string value)
        => Column(_categorical, column)[_entities.GetOrAdd(entityId)] = value;

    /// <summary>Adds one tag with a weight (1 for plain membership); a repeated tag adds up its weights.</summary>
    public void AddTag(string entityId, string column, string tag, float weight = 1f)
    {
        var row = _entities.GetOrAdd(entityId);
        var rows = Column(_tags, column);
        if (!rows.TryGetValue(row, out var list))
        {
            rows[row] = list = [];
        }

        list.Add((tag, weight));
    }

    /// <summary>Sets a numeric value; NaN is treated as missing.</summary>
    public void SetNumeric(string entityId, string column, double value)
        => Column(_numeric, column)[_entities.GetOrAdd(entityId)] = value;

    /// <summary>Sets a free-text value.</summary>
    public void SetText(string entityId, string column, string value)
        => Column(_text, column)[_entities.GetOrAdd(entityId)] = value;

    /// <summary>Builds the table for the entity map frozen from the shared builder.</summary>
    public AttributeTable Build(IdMap entities)
    {
        ArgumentNullException.ThrowIfNull(entities);
        var n = entities.Count;
        var columns = new List<AttributeColumn>();
        foreach (var (name, rows) in _categorical)
        {
            var levels = new IdMapBuilder();
            var codes = new int[n];
            Array.Fill(codes, -1);
            foreach (var (row, value) in rows.OrderBy(r => r.Key))
            {
                codes[row] = levels.GetOrAdd(value);
            }

            columns.Add(new CategoricalColumn(name, levels.Build(), codes));
        }

        foreach (var (name, rows) in _tags)
        {
            var vocabulary = new IdMapBuilder();
            var r = new List<int>();
            var c = new List<int>();
            var w = new List<float>();
            foreach (var (row, list) in rows.OrderBy(x => x.Key))
            {
                foreach (var group in list.GroupBy(t => t.Tag, StringComparer.Ordinal))
                {
                    r.Add(row);
                    c.Add(vocabulary.GetOrAdd(group.Key));
                    w.Add(group.Sum(t => t.Weight));
                }
            }

            var map = vocabulary.Build();
            columns.Add(new TagsColumn(name, map, CsrMatrix.FromCoordinates(n, map.Count, r.ToArray(), c.ToArray(), w.ToArray())));
        }

        foreach (var (name, rows) in _numeric)
        {
            var values = new double[n];
            Array.Fill(values, double.NaN);
            foreach (var (row, value) in rows)
            {
                values[row] = value;
            }

            columns.Add(new NumericColumn(name, values));
        }

        foreach (var (name, rows) in _text)
        {
            var values = new string?[n];
            foreach (var (row, value) in rows)
            {
                values[row] = value;
            }

            columns.Add(new TextColumn(name, values));
        }

        return new AttributeTable(n, columns);
    }

    private static Dictionary<int, T> Column<T>(Dictionary<string, Dictionary<int, T>> columns, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!columns.TryGetValue(name, out var rows))
        {
            columns[name] = rows = [];
        }

        return rows;
    }
}
