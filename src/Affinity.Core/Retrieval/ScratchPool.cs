namespace Affinity.Core.Retrieval;

/// <summary>
/// A few reusable scratch objects shared by the threads that search one index: renting and
/// returning swap a slot with <see cref="Interlocked"/>, so neither allocates once every thread
/// has its object. When all slots are taken a new object is made and, on return, kept if a slot
/// is free or left to the garbage collector if not.
/// </summary>
internal sealed class ScratchPool<T>
    where T : class
{
    private readonly T?[] _slots;
    private readonly Func<T> _create;

    public ScratchPool(Func<T> create)
    {
        _create = create;
        _slots = new T?[Math.Max(4, Environment.ProcessorCount * 2)];
    }

    public T Rent()
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            var item = Interlocked.Exchange(ref _slots[i], null);
            if (item is not null)
            {
                return item;
            }
        }

        return _create();
    }

    public void Return(T item)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (Interlocked.CompareExchange(ref _slots[i], item, null) is null)
            {
                return;
            }
        }
    }
}
