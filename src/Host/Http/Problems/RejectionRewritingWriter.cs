using System.Buffers;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace JidoSessions.Host.Http.Problems;

/// <summary>
/// The connection's output, watched for Kestrel's bare rejections (see <see cref="KestrelRejections"/>). The first
/// bytes written after a flush are held while they may still be such an answer (they start with <c>HTTP/1.1 4</c>
/// or <c>HTTP/1.1 5</c> and stay small); as soon as they cannot be, they and everything up to the next flush go
/// straight to the transport, so response bodies are not copied.
/// </summary>
/// <remarks>
/// Kestrel writes into lent memory across several <see cref="Advance"/> calls and may flush in between, so lent
/// memory stays valid until the next <see cref="GetMemory"/>/<see cref="GetSpan"/>: each advance goes to the buffer
/// that lent the memory, and held bytes are released (never moved) until new memory is lent.
/// </remarks>
internal sealed class RejectionRewritingWriter(PipeWriter inner, KestrelServerLimits limits) : PipeWriter
{
    private const int MaxHeld = 1024;
    private readonly ArrayBufferWriter<byte> _held = new(512);
    private int _released;
    private bool _inspecting = true;
    private bool _lentHeld;

    public override bool CanGetUnflushedBytes => true;

    public override long UnflushedBytes => _held.WrittenCount - _released + (inner.CanGetUnflushedBytes ? inner.UnflushedBytes : 0);

    public override void Advance(int bytes)
    {
        if (_lentHeld)
        {
            _held.Advance(bytes);
        }
        else
        {
            inner.Advance(bytes);
        }
    }

    public override Memory<byte> GetMemory(int sizeHint = 0) => LendHeld(sizeHint) ? _held.GetMemory(sizeHint) : inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => LendHeld(sizeHint) ? _held.GetSpan(sizeHint) : inner.GetSpan(sizeHint);

    public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        ReleasePending();
        var result = await inner.FlushAsync(cancellationToken);
        _inspecting = true;
        return result;
    }

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null)
    {
        ReleasePending();
        inner.Complete(exception);
    }

    public override async ValueTask CompleteAsync(Exception? exception = null)
    {
        ReleasePending();
        await inner.CompleteAsync(exception);
    }

    private static bool MayBeRejection(ReadOnlySpan<byte> block)
    {
        ReadOnlySpan<byte> prefix = "HTTP/1.1 "u8;
        var compared = Math.Min(block.Length, prefix.Length);
        if (block.Length > MaxHeld || !block[..compared].SequenceEqual(prefix[..compared]))
        {
            return false;
        }

        return block.Length <= prefix.Length || block[prefix.Length] is (byte)'4' or (byte)'5';
    }

    /// <summary>Whether the memory about to be lent comes from the held buffer (the memory lent before is given up).</summary>
    private bool LendHeld(int sizeHint)
    {
        if (_released > 0 && _released == _held.WrittenCount)
        {
            _held.ResetWrittenCount();
            _released = 0;
        }

        if (_inspecting && (_released > 0 || !MayBeRejection(_held.WrittenSpan) || _held.WrittenCount + sizeHint > MaxHeld))
        {
            // Not the start of a rejection: what is held goes out, and so does everything until the next flush.
            ReleasePending();
            _held.ResetWrittenCount();
            _released = 0;
            _inspecting = false;
        }

        _lentHeld = _inspecting;
        return _lentHeld;
    }

    /// <summary>Sends the held bytes not sent yet: as a problem answer when they are a whole bare rejection.</summary>
    private void ReleasePending()
    {
        var pending = _held.WrittenSpan[_released..];
        if (pending.IsEmpty)
        {
            return;
        }

        var problem = _released == 0 && _inspecting ? KestrelRejections.Rewrite(pending, limits) : null;
        if (problem is not null)
        {
            inner.Write(problem);
        }
        else
        {
            inner.Write(pending);
        }

        _released = _held.WrittenCount;
    }
}
