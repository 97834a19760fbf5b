package cx.runtime.store;

import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import de.bwaldvogel.mongo.wire.bson.BsonEncoder;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * The embedded store's write-ahead journal: every command that may change the store, appended
 * before it is answered, so that a process killed before the store's next checkpoint loses
 * none of the writes it acknowledged.
 *
 * <p>The journal is a series of numbered segment files beside the store's file. A checkpoint
 * starts a new segment and records its number in the store, so that recovery replays exactly the
 * segments from that number on; older segments are deleted once the checkpoint is on the disk.
 * Each entry is its length, a CRC-32C of its bytes, and the command as BSON; an entry cut short
 * by a crash fails its check, is dropped and cut off the file (it was never acknowledged).
 *
 * <p>Entries reach the operating system before {@link #append} returns, which is what survives
 * a killed process; they reach the disk with {@link #force}, which the store calls on its flush
 * interval.
 */
final class CommandJournal implements AutoCloseable {

  /** A command as it was applied: its database, its name and its whole body. */
  record Entry(String database, String command, Document body) {
  }

  private static final int HEADER = 8;
  private static final String DATABASE = "d";
  private static final String COMMAND = "c";
  private static final String BODY = "b";

  private final Path base;
  private long segment;
  private FileChannel channel;

  private CommandJournal(Path base, long segment) {
    this.base = base;
    this.segment = segment;
    this.channel = openForAppend(segmentFile(base, segment));
  }

  /** Opens the journal of the store file {@code base} for appending to segment {@code segment}. */
  static CommandJournal open(Path base, long segment) {
    return new CommandJournal(base, segment);
  }

  /** The number of the segment entries go to now. */
  synchronized long segment() {
    return segment;
  }

  /** Appends a command; it has reached the operating system when this returns. */
  void append(Entry entry) {
    ByteBuf bson = Unpooled.buffer(512);
    BsonEncoder.encodeDocument(new Document(DATABASE, entry.database()).append(COMMAND, entry.command())
        .append(BODY, entry.body()), bson);
    int size = bson.readableBytes();
    CRC32C crc = new CRC32C();
    crc.update(bson.array(), bson.arrayOffset() + bson.readerIndex(), size);
    ByteBuffer record = ByteBuffer.allocate(HEADER + size).order(ByteOrder.LITTLE_ENDIAN);
    record.putInt(size).putInt((int) crc.getValue()).put(bson.array(), bson.arrayOffset() + bson.readerIndex(), size).flip();
    synchronized (this) {
      try {
        while (record.hasRemaining()) {
          channel.write(record);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot append to the embedded store's journal " + segmentFile(base, segment), e);
      }
    }
  }

  /** Closes the current segment and sends new entries to segment {@code next}. */
  synchronized void startSegment(long next) {
    FileChannel previous = channel;
    channel = openForAppend(segmentFile(base, next));
    segment = next;
    try {
      previous.force(false);
      previous.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the embedded store's journal segment", e);
    }
  }

  /** Sends what was appended to the disk. */
  void force() {
    FileChannel current;
    synchronized (this) {
      current = channel;
    }
    try {
      current.force(false);
    } catch (IOException e) {
      // A segment closed by a new checkpoint meanwhile was forced as it closed.
      if (current.isOpen()) {
        throw new UncheckedIOException("cannot flush the embedded store's journal", e);
      }
    }
  }

  /** Deletes every segment numbered below {@code segment}: the store holds their effects on its disk. */
  void deleteBefore(long segment) {
    for (long number : segments(base)) {
      if (number < segment) {
        try {
          Files.deleteIfExists(segmentFile(base, number));
        } catch (IOException e) {
          throw new UncheckedIOException("cannot delete an applied journal segment", e);
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    try {
      channel.force(false);
      channel.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the embedded store's journal", e);
    }
  }

  /**
   * Every entry of the segments numbered {@code from} on, in the order they were appended. A
   * last entry cut short is cut off its file; damage anywhere else stops recovery, since
   * entries after it would then be applied without one before them.
   */
  static List<Entry> recover(Path base, long from) {
    List<Long> numbers = segments(base).stream().filter(n -> n >= from).sorted().toList();
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < numbers.size(); i++) {
      Path file = segmentFile(base, numbers.get(i));
      long valid = readSegment(file, entries);
      try {
        if (valid < Files.size(file)) {
          if (i < numbers.size() - 1) {
            throw new IllegalStateException("The embedded store's journal segment " + file
                + " is damaged before its end, and later segments follow it; the store cannot be recovered past it.");
          }
          try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(valid);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the embedded store's journal " + file, e);
      }
    }
    return entries;
  }

  /** The first segment number at or after {@code from} that no segment file has yet. */
  static long nextSegment(Path base, long from) {
    return Math.max(from, segments(base).stream().mapToLong(Long::longValue).max().orElse(-1) + 1);
  }

  /** Reads a segment's whole entries into {@code entries}, returning where the last one ends. */
  private static long readSegment(Path file, List<Entry> entries) {
    ByteBuffer bytes;
    try {
      bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the embedded store's journal " + file, e);
    }
    while (bytes.remaining() >= HEADER) {
      int start = bytes.position();
      int size = bytes.getInt();
      int expected = bytes.getInt();
      if (size < 5 || size > bytes.remaining()) {
        return start;
      }
      CRC32C crc = new CRC32C();
      crc.update(bytes.array(), bytes.position(), size);
      if ((int) crc.getValue() != expected) {
        return start;
      }
      Document entry = BsonDecoder.decodeBson(Unpooled.wrappedBuffer(bytes.array(), bytes.position(), size));
      entries.add(new Entry((String) entry.get(DATABASE), (String) entry.get(COMMAND), (Document) entry.get(BODY)));
      bytes.position(bytes.position() + size);
    }
    return bytes.position();
  }

  private static List<Long> segments(Path base) {
    List<Long> numbers = new ArrayList<>();
    String prefix = base.getFileName() + ".journal.";
    Path directory = base.toAbsolutePath().getParent();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(directory, prefix + "*")) {
      for (Path file : files) {
        String suffix = file.getFileName().toString().substring(prefix.length());
        if (suffix.matches("[0-9]{1,18}")) {
          numbers.add(Long.parseLong(suffix));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the embedded store's journal", e);
    }
    return numbers;
  }

  static Path segmentFile(Path base, long segment) {
    return base.resolveSibling(base.getFileName() + ".journal." + segment);
  }

  private static FileChannel openForAppend(Path file) {
    try {
      return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the embedded store's journal " + file, e);
    }
  }
}
