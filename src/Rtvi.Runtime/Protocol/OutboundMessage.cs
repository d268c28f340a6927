using System.Buffers;

namespace Rtvi.Protocol;

/// <summary>
/// The bytes of one outbound message: an exact array, or the first <see cref="Length"/> bytes of an array rented from
/// the shared pool. A rented message has one owner at a time: the writer that built it, then the outbox, which returns
/// the array once the transport's send has completed. A message dropped unsent is left to the collector.
/// </summary>
internal readonly struct OutboundMessage
{
    private readonly byte[] _array;
    private readonly bool _rented;

    private OutboundMessage(byte[] array, int length, bool rented)
    {
        _array = array;
        Length = length;
        _rented = rented;
    }

    public int Length { get; }

    public ReadOnlyMemory<byte> Memory => _array.AsMemory(0, Length);

    public static implicit operator OutboundMessage(byte[] message) => new(message, message.Length, rented: false);

    /// <summary>A copy of <paramref name="bytes"/> in a rented array.</summary>
    public static OutboundMessage Rent(ReadOnlySpan<byte> bytes)
    {
        var array = ArrayPool<byte>.Shared.Rent(bytes.Length);
        bytes.CopyTo(array);
        return new(array, bytes.Length, rented: true);
    }

    /// <summary>Gives a rented array back to the pool; the message must not be used after.</summary>
    public void Return()
    {
        if (_rented)
        {
            ArrayPool<byte>.Shared.Return(_array);
        }
    }
}
