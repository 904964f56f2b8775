#!/usr/bin/perl
# Scores the outputs of `smtp-doctor analyze --jsonl` and of Sisimai against sisimai-expected.jsonl; called by
# eval-bounces.sh, which says what the arguments and the MIN_* variables are.
use strict;
use warnings;
use JSON::PP;

my ($set, $expected_path, $mapping_path, $ours_path, $ours_time, $sisimai_path, $sisimai_time) = @ARGV;
my $json = JSON::PP->new;

sub lines_of {
    my ($path) = @_;
    open my $in, '<', $path or die "eval-bounces: cannot read $path: $!\n";
    my @lines = grep { /\S/ } <$in>;
    close $in;
    return @lines;
}

my %category_of;
for (lines_of($mapping_path)) {
    next if /^#/;
    chomp;
    my ($reason, $category) = split /\t/;
    $category_of{$reason} = $category;
}
# A mapped category may name alternatives, "content|recipient": either one agrees.
sub agrees_with {
    my ($mapped, $category) = @_;
    return scalar grep { $_ eq $category } split /\|/, $mapped;
}

# "maildir/bsd/x.eml" and "mailbox/mbox-0" as keys, relative to the set of e-mails.
sub key_of {
    my ($path) = @_;
    $path =~ s{^.*?/((?:maildir|mailbox)/.*)$}{$1};
    return $path;
}

my %expected;    # key -> [records in recipient order]
for (lines_of($expected_path)) {
    my $record = $json->decode($_);
    $expected{"maildir/$record->{file}"}[ $record->{n} - 1 ] = $record;
}

my (%ours, %sisimai);    # key -> [ { status, category } in output order ]
for (lines_of($ours_path)) {
    my $event = $json->decode($_);
    push @{ $ours{ key_of($event->{input}) } }, {
        status   => $event->{enhancedCode} // '',
        category => ($event->{diagnosis} ? $event->{diagnosis}{category} : undef) // 'undiagnosed',
        id       => ($event->{diagnosis} ? $event->{diagnosis}{id} : undef) // '-',
        text     => $event->{text} // $event->{sample} // "",
    };
}
for (lines_of($sisimai_path)) {
    my $record = $json->decode($_);
    my $category = $category_of{ $record->{reason} } // 'unmapped';
    $category =~ s/\|.*//;    # Sisimai reports one reason: its first mapped category stands for it
    next if $category eq 'none';    # vacation, feedback, delivered: Sisimai labels them, they are not failures
    push @{ $sisimai{ key_of($record->{origin}) } }, {
        status   => $record->{deliverystatus},
        category => $category eq '-' ? 'undecided' : $category,
    };
}

# Messages expected to hold no failure at all (feedback reports, auto-replies, success notices) by file name.
my %not_a_failure;
for my $key (keys %expected) {
    my @records = grep { defined } @{ $expected{$key} };
    (my $name = $key) =~ s{.*/}{};
    $not_a_failure{$name} = 1 if @records && !grep { ($category_of{ $_->{reason} } // '') ne 'none' } @records;
}
# The set names feedback-loop reports arf-* and auto-replies rfc3834-*; those without expected records in some folder
# are not failures there either.
for my $folder (qw(bsd dos mac err)) {
    opendir my $dir, "$set/maildir/$folder" or next;
    for my $name (grep { /^(?:arf|rfc3834)-/ } readdir $dir) {
        $not_a_failure{$name} = 1 unless $expected{"maildir/$folder/$name"};
    }
    closedir $dir;
}

my @failures;
my $minimum = sub {
    my ($name, $value, $what) = @_;
    return unless defined $ENV{$name} && length $ENV{$name};
    push @failures, sprintf("%s %.1f %% is below %s=%s", $what, $value, $name, $ENV{$name}) if $value < $ENV{$name};
};
sub percent { my ($part, $whole) = @_; return $whole ? 100 * $part / $whole : 0 }

printf "%-6s %9s %22s %22s\n", 'folder', 'messages', 'smtp-doctor', 'Sisimai 4.25';
my ($decoded_ours, $decoded_sisimai, $counted) = (0, 0, 0);
my @silent;    # bounce messages that yield no failure, and messages of `not` that yield one (listed with MISSES=1)
for my $folder (qw(bsd dos mac err not tmp)) {
    opendir my $dir, "$set/maildir/$folder" or next;
    my @names = sort grep { !/^\./ } readdir $dir;
    closedir $dir;
    my @bounces = $folder eq 'not' ? @names : grep { !$not_a_failure{$_} } @names;
    my $ours    = grep { $ours{"maildir/$folder/$_"} }    @bounces;
    my $sisimai = grep { $sisimai{"maildir/$folder/$_"} } @bounces;
    if ($folder eq 'not') {
        push @silent, map { "maildir/$folder/$_ (not a bounce, reported)" } grep { $ours{"maildir/$folder/$_"} } @bounces;
    } else {
        push @silent, map { "maildir/$folder/$_ (nothing reported)" } grep { !$ours{"maildir/$folder/$_"} } @bounces;
    }
    my $note = $folder eq 'not' ? '  (none expected)' : @bounces < @names ? sprintf('  (%d not failures left out)', @names - @bounces) : '';
    printf "%-6s %9d %11d = %5.1f %% %11d = %5.1f %%%s\n", $folder, scalar @bounces,
        $ours, percent($ours, scalar @bounces), $sisimai, percent($sisimai, scalar @bounces), $note;
    if ($folder eq 'not') {
        my $allowed = $ENV{MAX_NOT} // 0;
        push @failures, "$ours message(s) of maildir/not reported as failures (MAX_NOT=$allowed)" if $ours > $allowed;
    } elsif ($folder ne 'tmp') {
        ($decoded_ours, $decoded_sisimai, $counted) = ($decoded_ours + $ours, $decoded_sisimai + $sisimai, $counted + @bounces);
    }
}
my $decoded = percent($decoded_ours, $counted);
printf "%-6s %9d %11d = %5.1f %% %11d = %5.1f %%\n", 'bounce', $counted, $decoded_ours, $decoded, $decoded_sisimai,
    percent($decoded_sisimai, $counted);
$minimum->('MIN_DECODED', $decoded, 'messages yielding recipients');

# Records: the n-th failure reported for a file is compared with the n-th expected record.
my %score;
my %misses;    # "expected -> reported" -> [ "file#n: diagnosis: text" ]
for my $key (sort keys %expected) {
    my @records = @{ $expected{$key} };
    for my $n (0 .. $#records) {
        my $record = $records[$n] or next;
        my $mapped = $category_of{ $record->{reason} } // '-';
        for my $tool (['ours', \%ours], ['sisimai', \%sisimai]) {
            my ($name, $found) = @$tool;
            my $got = $found->{$key} ? $found->{$key}[$n] : undef;
            if (length $record->{deliverystatus}) {
                my $agrees = $got && $got->{status} eq $record->{deliverystatus} ? 1 : 0;
                $score{$name}{status_all}[0] += $agrees;
                $score{$name}{status_all}[1]++;
                # Sisimai's own X.0.9nn codes are not RFC 3463 codes; nothing else produces them.
                if ($record->{deliverystatus} !~ /^\d\.0\.9\d\d$/) {
                    $score{$name}{status}[0] += $agrees;
                    $score{$name}{status}[1]++;
                }
            }
            next if $mapped eq '-';
            my $category = $got ? $got->{category} : 'none';
            my $agrees = agrees_with($mapped, $category) ? 1 : 0;
            $score{$name}{category}[0] += $agrees;
            $score{$name}{category}[1]++;
            $score{$name}{reason}{ $record->{reason} }[0] += $agrees;
            $score{$name}{reason}{ $record->{reason} }[1]++;
            $score{$name}{reported}{ $record->{reason} }{$category}++ unless $agrees;
            next if $name ne 'ours' || $agrees;
            $score{$name}{confusion}{"$mapped -> $category"}++;
            if ($ENV{MISSES}) {
                (my $text = $got ? $got->{text} : '') =~ s/\s+/ /g;
                push @{ $misses{"$mapped -> $category"} }, sprintf('%s#%d (%s, %s): %s', $key, $n + 1,
                    $record->{reason}, $got ? $got->{id} : 'no event', substr($text, 0, 300));
            }
        }
    }
}
print "\nrecords                                  smtp-doctor           Sisimai 4.25\n";
for my $line (['status', 'status, RFC 3463 codes'], ['status_all', 'status, incl. Sisimai X.0.9nn codes'],
    ['category', 'category (mapped)'])
{
    my ($field, $label) = @$line;
    my ($a, $n) = @{ $score{ours}{$field} // [0, 0] };
    my ($b, $m) = @{ $score{sisimai}{$field} // [0, 0] };
    printf "%-36s %4d/%-4d = %5.1f %% %4d/%-4d = %5.1f %%\n", $label, $a, $n, percent($a, $n), $b, $m, percent($b, $m);
}
$minimum->('MIN_STATUS', percent(@{ $score{ours}{status} // [0, 0] }), 'status agreement');
$minimum->('MIN_CATEGORY', percent(@{ $score{ours}{category} // [0, 0] }), 'category agreement');

sub resources {
    my ($path) = @_;
    my ($wall, $memory) = (0, 0);
    for (lines_of($path)) {
        if (/Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)$/) { $wall = ($1 // 0) * 3600 + $2 * 60 + $3 }
        if (/Maximum resident set size \(kbytes\): (\d+)/) { $memory = $1 / 1024 }
    }
    return ($wall, $memory);
}
my ($wall_ours, $memory_ours) = resources($ours_time);
my ($wall_sisimai, $memory_sisimai) = resources($sisimai_time);
printf "\nwhole corpus, one process each: smtp-doctor %.2f s, %.1f MB peak; Sisimai %.2f s, %.1f MB peak (%.1fx)\n",
    $wall_ours, $memory_ours, $wall_sisimai, $memory_sisimai, $wall_ours ? $wall_sisimai / $wall_ours : 0;

# Per expected reason: how many records each tool puts in the mapped category, and what smtp-doctor says instead
# when it does not (the three most frequent other categories).
print "\ncategory agreement per expected reason           smtp-doctor    Sisimai 4.25   smtp-doctor says instead\n";
for my $reason (sort { $score{ours}{reason}{$b}[1] <=> $score{ours}{reason}{$a}[1] || $a cmp $b }
    keys %{ $score{ours}{reason} // {} })
{
    my ($agreed, $records) = @{ $score{ours}{reason}{$reason} };
    my $agreed_sisimai = $score{sisimai}{reason}{$reason}[0] // 0;
    my %instead = %{ $score{ours}{reported}{$reason} // {} };
    my @top = grep { defined } (sort { $instead{$b} <=> $instead{$a} || $a cmp $b } keys %instead)[0 .. 2];
    printf "  %-16s %-29s %4d/%-4d %5.1f %% %4d/%-4d %5.1f %%   %s\n", $reason, $category_of{$reason}, $agreed, $records,
        percent($agreed, $records), $agreed_sisimai, $records, percent($agreed_sisimai, $records),
        join(', ', map { "$_ $instead{$_}" } @top);
}

my %confusion = %{ $score{ours}{confusion} // {} };
if (%confusion) {
    print "\nsmtp-doctor's category disagreements (expected -> reported):\n";
    printf "  %3d  %s\n", $confusion{$_}, $_ for grep { defined } (sort { $confusion{$b} <=> $confusion{$a} || $a cmp $b } keys %confusion)[0 .. 14];
}
# MISSES=1 lists every disagreeing record, grouped by (expected, reported), largest group first.
if ($ENV{MISSES}) {
    printf "\nmessages read wrongly as a whole (%d)\n", scalar @silent;
    print "  $_\n" for @silent;
    for my $pair (sort { @{ $misses{$b} } <=> @{ $misses{$a} } || $a cmp $b } keys %misses) {
        printf "\n%s (%d)\n", $pair, scalar @{ $misses{$pair} };
        print "  $_\n" for @{ $misses{$pair} };
    }
}
if (@failures) {
    print STDERR "eval-bounces: FAILED: $_\n" for @failures;
    exit 1;
}
