using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Affinity.Core.Data;
using Affinity.Core.Data.Attributes;

namespace Affinity.Storage;

/// <summary>
/// Turns a store into an <see cref="Dataset"/> for training: the events up to one sequence number
/// (a consistent cut, since sequence numbers commit in order and are never reused), every catalogue
/// item and user record (so items nobody touched yet are still known, with their attributes), and
/// the user and item attribute tables.
/// </summary>
/// <remarks>
/// Interactions keep the log order, the event type and the timestamp (Unix seconds, as
/// <see cref="Dataset.Timestamps"/> counts them). The checksum is SHA-256 over every event of the
/// cut in sequence order, each as sequence (int64), user, item and event type (UTF-8, each ended by
/// a 0 byte), value (IEEE float bits, int32) and time (Unix milliseconds, int64), integers
/// little-endian: two reads of the same cut give the same checksum, on any store.
/// </remarks>
public static class SnapshotReader
{
    /// <summary>Reads the snapshot.</summary>
    /// <exception cref="DataFormatException">One attribute name is used as two kinds (say categorical for one item, tags for another).</exception>
    public static async Task<StoreSnapshot> ReadAsync(IStore store, SnapshotOptions? options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new SnapshotOptions();
        var through = options.ThroughSequence
            ?? await store.Events.GetHighWaterMarkAsync(cancellationToken).ConfigureAwait(false);
        ArgumentOutOfRangeException.ThrowIfNegative(through);

        var builder = new DatasetBuilder(options.Name, options.Kind);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[64];
        await foreach (var e in store.Events.ReadAsync(0, through, cancellationToken).ConfigureAwait(false))
        {
            builder.Add(e.UserId, e.ItemId, e.Value, e.Timestamp.ToUnixTimeSeconds(), e.EventType);
            Hash(hash, ref buffer, e);
        }

        var itemKinds = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var item in store.Items.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            builder.AddItem(item.Id);
            AddAttributes(builder.ItemAttributes, $"item '{item.Id}'", item.Id, item.Attributes, itemKinds);
        }

        var userKinds = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var user in store.Users.ListAsync(cancellationToken).ConfigureAwait(false))
        {
            builder.AddUser(user.Id);
            AddAttributes(builder.UserAttributes, $"user '{user.Id}'", user.Id, user.Attributes, userKinds);
        }

        var dataset = builder.Build();
        var checksum = Convert.ToHexStringLower(hash.GetHashAndReset());
        return new StoreSnapshot(dataset, new TrainingSnapshot(through, dataset.Count, dataset.UserCount, dataset.ItemCount, checksum));
    }

    private static void AddAttributes(AttributeTableBuilder table, string source, string id, EntityAttributes attributes, Dictionary<string, string> kinds)
    {
        foreach (var (name, value) in attributes.Categorical)
        {
            Claim(kinds, source, name, "categorical");
            table.SetCategorical(id, name, value);
        }

        foreach (var (name, tags) in attributes.Tags)
        {
            Claim(kinds, source, name, "tags");
            foreach (var tag in tags)
            {
                table.AddTag(id, name, tag);
            }
        }

        foreach (var (name, value) in attributes.Numeric)
        {
            Claim(kinds, source, name, "numeric");
            table.SetNumeric(id, name, value);
        }

        foreach (var (name, value) in attributes.Text)
        {
            Claim(kinds, source, name, "text");
            table.SetText(id, name, value);
        }
    }

    // An AttributeTable has one column per name, so a name must mean one kind across all entities.
    private static void Claim(Dictionary<string, string> kinds, string source, string name, string kind)
    {
        if (!kinds.TryAdd(name, kind) && kinds[name] != kind)
        {
            throw new DataFormatException(source, 0, $"attributes.{kind}.{name}", $"'{name}' is {kinds[name]} for other entities; a name must keep one kind");
        }
    }

    private static void Hash(IncrementalHash hash, ref byte[] buffer, StoredEvent e)
    {
        var need = 8 + 4 + 8 + 3 + Encoding.UTF8.GetMaxByteCount(e.UserId.Length + e.ItemId.Length + e.EventType.Length);
        if (buffer.Length < need)
        {
            buffer = new byte[need * 2];
        }

        var span = buffer.AsSpan();
        BinaryPrimitives.WriteInt64LittleEndian(span, e.Sequence);
        var at = 8;
        foreach (var text in (ReadOnlySpan<string>)[e.UserId, e.ItemId, e.EventType])
        {
            at += Encoding.UTF8.GetBytes(text, span[at..]);
            span[at++] = 0;
        }

        BinaryPrimitives.WriteInt32LittleEndian(span[at..], BitConverter.SingleToInt32Bits(e.Value));
        BinaryPrimitives.WriteInt64LittleEndian(span[(at + 4)..], e.Timestamp.ToUnixTimeMilliseconds());
        hash.AppendData(span[..(at + 12)]);
    }
}
