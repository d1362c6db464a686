/** ERP change data capture (Debezium): work orders and master data onto the stream, confirmations back. */
package io.takt.erp;
