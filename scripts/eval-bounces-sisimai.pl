#!/usr/bin/perl
# Reads every message under the given folders and mbox files with Sisimai (Debian's libsisimai-perl) in this one
# process and prints one JSON line per bounce record: origin (the file), recipient, reason, deliverystatus, replycode.
use strict;
use warnings;
use Sisimai;
use JSON::PP;

my $json = JSON::PP->new->canonical;
for my $path (@ARGV) {
    my $records = Sisimai->make($path) // [];
    for my $record (@$records) {
        print $json->encode({
            origin         => $record->origin,
            recipient      => $record->recipient->address,
            reason         => $record->reason,
            deliverystatus => $record->deliverystatus // '',
            replycode      => $record->replycode // '',
        }), "\n";
    }
}
